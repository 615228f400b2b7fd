package dev.backroute.camel;

/**
 * How the Camel runtime is started: for one CLI command (no schedules, no HTTP server, failures reported
 * at once), or as the long-running service of {@code ./backroute run} (schedules, redelivery, health and
 * metrics over HTTP).
 *
 * @param management where health and metrics are served; null for a one-shot run
 */
public record RuntimeMode(boolean service, ManagementEndpoint management) {

    public static RuntimeMode oneShot() {
        return new RuntimeMode(false, null);
    }

    public static RuntimeMode service(ManagementEndpoint management) {
        return new RuntimeMode(true, management);
    }
}
