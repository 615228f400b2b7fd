package dev.backroute.alert;

import dev.backroute.Hosts;

import java.time.Instant;
import java.util.Objects;

/**
 * Something an operator must hear about, as sent to {@code direct:alert}.
 *
 * @param kind        what happened
 * @param type        the backup type it happened to; "cluster" for the kinds not about a type ({@link Kind#aboutType})
 * @param host        the machine Backroute runs on
 * @param error       what went wrong, on one line (line breaks are folded); "" for {@link Kind#RECOVERED}
 * @param lastSuccess the type's last successful backup, null when there never was one
 * @param nextTry     when the type's next scheduled attempt is, null when none is scheduled
 * @param at          when it happened
 * @param backupId    the backup concerned, null when there is none (the run never began, say)
 */
public record Alert(Kind kind, String type, String host, String error, Instant lastSuccess, Instant nextTry, Instant at,
                   String backupId) {

    public enum Kind {
        BACKUP_FAILED("backup", "FAILED"),
        VALIDATION_FAILED("validation", "FAILED"),
        CLEANUP_FAILED("cleanup", "FAILED"),
        PRUNE_FAILED("prune", "FAILED"),
        /** A recovery drill failed a check: a later backup does not prove the restore works, only a passing drill does. */
        DRILL_FAILED("drill", "FAILED", false),
        /** A drill passed: ends the type's {@link #DRILL_FAILED} series (a RECOVERED notice when one was outstanding), and only that. */
        DRILL_PASSED("drill", "RECOVERED", false),
        OVERDUE("backup", "OVERDUE"),
        /** Manifests dated in the future: a new backup does not make them go away, so it does not end this alert. */
        FUTURE_DATED("manifest", "FUTURE-DATED", false),
        /** Manifests the catalog refuses (forged, damaged, unsealed): they stay until someone removes or adopts them. */
        UNTRUSTED_MANIFEST("manifest", "UNTRUSTED", false),
        RECOVERED("backup", "RECOVERED"),
        /**
         * This cluster member could not reach the cluster database, where the schedules and type locks are: no backup
         * starts from this member while it lasts. About the member, not a type; a backup does not end it.
         */
        CLUSTER_UNREACHABLE("scheduler", "UNREACHABLE", false, false),
        /** The member reached the cluster database again: ends its {@link #CLUSTER_UNREACHABLE} series, and only that. */
        CLUSTER_REACHABLE("scheduler", "RECOVERED", false, false);

        private final String activity;
        private final String state;
        private final boolean endedBySuccess;
        private final boolean aboutType;

        Kind(String activity, String state) {
            this(activity, state, true);
        }

        Kind(String activity, String state, boolean endedBySuccess) {
            this(activity, state, endedBySuccess, true);
        }

        Kind(String activity, String state, boolean endedBySuccess, boolean aboutType) {
            this.activity = activity;
            this.state = state;
            this.endedBySuccess = endedBySuccess;
            this.aboutType = aboutType;
        }

        /** Whether this is the end of a series of failures rather than a failure: {@link #RECOVERED}, or a kind that {@link #ends} one. */
        public boolean recovery() {
            return this == RECOVERED || ends() != null;
        }

        /** The one failure kind whose series this kind ends ({@link #DRILL_PASSED} ends {@link #DRILL_FAILED}); null for the others. */
        public Kind ends() {
            return switch (this) {
                case DRILL_PASSED -> DRILL_FAILED;
                case CLUSTER_REACHABLE -> CLUSTER_UNREACHABLE;
                default -> null;
            };
        }

        /** Whether the alert is about a backup type (its last success, next try, {@code status --type}); not the cluster's. */
        public boolean aboutType() {
            return aboutType;
        }

        /** Whether a successful backup of the type ends this kind's series (and says RECOVERED for it). */
        public boolean endedBySuccess() {
            return endedBySuccess;
        }

        /** "backup", "validation", "cleanup", "prune", "drill", "manifest" or "scheduler". */
        public String activity() {
            return activity;
        }

        /** "FAILED", "OVERDUE", "FUTURE-DATED", "UNTRUSTED", "UNREACHABLE" or "RECOVERED". */
        public String state() {
            return state;
        }
    }

    public Alert {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(at, "at");
        host = host == null || host.isBlank() ? Hosts.localHost() : host;
        error = error == null ? "" : error.replaceAll("\\s*[\\r\\n]+\\s*", " ").trim();
    }

    /** An alert about this machine, now. */
    public static Alert of(Kind kind, String type, String error, Instant lastSuccess, Instant nextTry, Instant at, String backupId) {
        return new Alert(kind, type, Hosts.localHost(), error, lastSuccess, nextTry, at, backupId);
    }

}
