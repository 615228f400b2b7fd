package dev.backroute.camel;

/**
 * How the Camel runtime is started: for one CLI command (no schedules, no HTTP server, failures reported
 * at once), or as the long-running service of {@code ./backroute run} (schedules, redelivery, health and
 * metrics over HTTP).
 */
public record RuntimeMode(boolean service, String httpHost, int httpPort) {

    public static RuntimeMode oneShot() {
        return new RuntimeMode(false, null, 0);
    }

    public static RuntimeMode service(String httpHost, int httpPort) {
        return new RuntimeMode(true, httpHost, httpPort);
    }
}
