package dev.backroute;

import java.net.InetAddress;
import java.net.UnknownHostException;

/** This machine's name, as alerts, manifests and repository locks record it. */
public final class Hosts {
    private static volatile String name;

    private Hosts() {}

    /** The short name of this machine, as operators know it; looked up once (a slow resolver costs once). */
    public static String localHost() {
        String known = name;
        if (known == null) {
            known = lookUp();
            name = known;
        }
        return known;
    }

    private static String lookUp() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            String env = System.getenv("HOSTNAME");
            return env == null || env.isBlank() ? "unknown-host" : env;
        }
    }
}
