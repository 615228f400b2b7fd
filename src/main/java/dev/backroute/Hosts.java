package dev.backroute;

import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * This machine's name, as alerts, manifests and repository locks record it: a cluster member's
 * {@code cluster.instance} when the config makes it one ({@link #nameAsMember}), so two members on one machine
 * are told apart.
 */
public final class Hosts {
    private static volatile String name;

    private Hosts() {}

    /** Names this process by its cluster member name from now on; called once the config is loaded. */
    public static void nameAsMember(String instance) {
        name = instance;
    }

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
