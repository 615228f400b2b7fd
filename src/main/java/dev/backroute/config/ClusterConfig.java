package dev.backroute.config;

import java.time.Duration;

/**
 * Several hosts running {@code ./backroute run} on one schedule: Quartz's clustered JDBC JobStore in a PostgreSQL
 * database, which also holds the cluster-wide type locks (advisory locks).
 *
 * @param enabled        whether this host is a member; without it schedules and locks are this host's own
 * @param jdbcUrl        the cluster database, {@code jdbc:postgresql://host:port/database}
 * @param user           the role Backroute connects as
 * @param password       where its password comes from; not configured when the server needs none
 * @param instance       this member's name, unique in the cluster: manifests, alerts, locks and status name it
 * @param checkinSeconds how often a member says it is alive; one silent for this plus 7.5 s has its work taken over
 */
public record ClusterConfig(boolean enabled, String jdbcUrl, String user, SecretRef password, String instance,
                            int checkinSeconds) {
    public static final int DEFAULT_CHECKIN_SECONDS = 15;

    /** How long after its last check-in Quartz takes a member for dead (its own rule: the interval plus 7.5 s). */
    public Duration deadAfter() {
        return Duration.ofMillis(checkinSeconds * 1000L + 7_500L);
    }
}
