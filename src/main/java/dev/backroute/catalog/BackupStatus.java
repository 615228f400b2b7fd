package dev.backroute.catalog;

import java.time.Instant;
import java.util.Map;

/**
 * A type's state at a glance. {@code lastSuccess}/{@code lastFailure} are null when there was none;
 * {@code bytesPerTarget} counts the stored bytes of successful backups kept on each target.
 */
public record BackupStatus(String type, boolean enabled, String schedule, BackupRecord lastSuccess,
                           BackupRecord lastFailure, Instant nextDue, int successfulCount,
                           Map<String, Long> bytesPerTarget) {

    public boolean isDue(Instant now) {
        return Schedule.isDue(nextDue, now);
    }
}
