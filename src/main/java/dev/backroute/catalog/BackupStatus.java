package dev.backroute.catalog;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;

/**
 * A type's state at a glance. {@code lastSuccess}/{@code lastFailure} are null when there was none;
 * {@code nextDue} is null for a disabled type, which is never due;
 * {@code bytesPerTarget} counts the stored bytes of successful backups kept on each target.
 * {@code futureDated} lists the backups whose manifests claim to start further in the future than
 * {@code operations.max_clock_skew_minutes}: they are not taken for the last success or failure, and
 * retention keeps them without counting them. {@code untrusted} lists the manifests on the type's
 * targets that the catalog refuses (see {@link BackupCatalog.Untrusted}): they count for nothing.
 * {@code rawBytesPerTarget} sums the raw bytes of the same backups, what restoring each would produce; it is
 * not printed as such but is the logical size {@link TypeSizes} sets against what the target stores.
 */
public record BackupStatus(String type, boolean enabled, String schedule, BackupRecord lastSuccess,
                           BackupRecord lastFailure, Instant nextDue, int successfulCount,
                           Map<String, Long> bytesPerTarget, List<FutureDated> futureDated, List<Distrusted> untrusted,
                           @JsonIgnore Map<String, Long> rawBytesPerTarget) {

    public BackupStatus {
        futureDated = List.copyOf(futureDated);
        untrusted = List.copyOf(untrusted);
    }

    public boolean isDue(Instant now) {
        return nextDue != null && Schedule.isDue(nextDue, now);
    }

    /** A manifest on {@code target} that is not believed, and why. */
    public record Distrusted(String target, String manifest, String reason) {}

    /** A backup whose manifest says it starts {@code minutesAhead} minutes after the time it was looked at. */
    public record FutureDated(String id, Instant startedAt, long minutesAhead) {

        static FutureDated of(BackupRecord r, Instant now) {
            return new FutureDated(r.id(), r.startedAt(), Duration.between(now, r.startedAt()).toMinutes());
        }

        /** One line for the operator: what is wrong, what Backroute does about it, and where to look. */
        @JsonProperty("warning")
        public String warning() {
            String ahead = minutesAhead >= 120 ? minutesAhead / 60 + " hours" : minutesAhead + " minutes";
            return "backup " + id + " claims to start at " + startedAt.truncatedTo(ChronoUnit.SECONDS) + ", " + ahead
                    + " in the future: ignored for schedules and retention; check this host's clock or who wrote it";
        }
    }
}
