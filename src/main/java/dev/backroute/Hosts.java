package dev.backroute;

import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * This machine's name, as alerts, manifests and repository locks record it: a cluster member's
 * {@code cluster.instance} when the config makes it one ({@link #nameAsMember}), so two members on one machine
 * are told apart.
 */
public final class Hosts {
    /** The longest name DNS allows; anything longer was not written by Backroute, and is cut where it is shown. */
    private static final int SHOWN_MAX = 253;

    private static volatile String name;

    private Hosts() {}

    /** Names this process by its cluster member name from now on; called once the config is loaded. */
    public static void nameAsMember(String instance) {
        name = instance;
    }

    /** Back to the machine's name, looked up again: the member name was one command's. */
    public static void forgetMemberName() {
        name = null;
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

    /**
     * A host or member name read from storage or the cluster database, as it may be shown: control characters made
     * inert and cut to {@value #SHOWN_MAX} characters; null when none is recorded. It only says who wrote something:
     * nothing is looked up by it, and it is never a path.
     */
    public static String shown(String recorded) {
        if (recorded == null || recorded.isBlank()) {
            return null;
        }
        return Errors.inert(recorded.length() <= SHOWN_MAX ? recorded : recorded.substring(0, SHOWN_MAX) + "…");
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
