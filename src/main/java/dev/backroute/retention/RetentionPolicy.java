package dev.backroute.retention;

import dev.backroute.catalog.BackupCatalog;
import dev.backroute.catalog.BackupRecord;
import dev.backroute.config.TypeConfig;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Decides which backups of a type retention removes. Pure logic: no I/O, the clock is a parameter.
 *
 * <p>A type's backups form one series, except for types whose runs make one artifact per unit (PostgreSQL:
 * one per database, plus {@code globals}): each unit is then its own series, so that "the newest
 * successful backup" and "min_keep" mean a whole restorable set, not one database's dump.
 * Within a series:
 * <ol>
 *   <li>the newest successful backup is never deleted;</li>
 *   <li>the {@code min_keep} newest successful backups are kept;</li>
 *   <li>any other backup expires only when it is older than {@code retention_days} both by the clock and
 *       relative to the series' newest successful backup, so a host that stopped backing up keeps the
 *       last {@code retention_days} of backups before its last success;</li>
 *   <li>failed-run manifests expire by the same rule (measured from the series' newest success, or the
 *       type's when the series never succeeded; kept when the type has no successful backup at all);</li>
 *   <li>everything else is kept.</li>
 * </ol>
 * A backup whose {@code started_at} is more than the allowed clock skew in the future is kept and
 * otherwise ignored: it is neither the newest successful backup nor counted in {@code min_keep}, nor a
 * reference for age. Deleting it could lose a real backup from a host whose clock is fast; trusting it
 * would let one manifest dated years ahead, planted by anyone who can write to the storage, make every
 * correctly dated backup look old.
 * Only backups that have a manifest are passed in; an artifact without one is never considered.
 */
public final class RetentionPolicy {

    private RetentionPolicy() {}

    /**
     * @param backups the type's backups (manifests), newest first (re-sorted here to be sure)
     * @param type    the type's config: {@code retention_days} and {@code min_keep}
     * @param now     the current time
     * @param maxClockSkew how far in the future a {@code started_at} may be and still be believed
     *                     ({@code operations.max_clock_skew_minutes})
     */
    public static RetentionPlan plan(List<BackupRecord> backups, TypeConfig type, Instant now, Duration maxClockSkew) {
        return plan(type.name(), backups, type.retentionDays(), type.minKeep(), now, maxClockSkew);
    }

    public static RetentionPlan plan(String typeName, List<BackupRecord> backups, int retentionDays, int minKeep, Instant now,
                                     Duration maxClockSkew) {
        if (retentionDays < 1 || minKeep < 1) {
            throw new IllegalArgumentException("retention_days and min_keep must be at least 1, got " + retentionDays + " and " + minKeep);
        }
        Duration retention = Duration.ofDays(retentionDays);
        List<BackupRecord> sorted = new ArrayList<>(backups.stream().filter(Objects::nonNull).toList());
        sorted.sort((a, b) -> {
            if (a.startedAt() == null || b.startedAt() == null) {
                return a.startedAt() == null ? (b.startedAt() == null ? 0 : -1) : 1;
            }
            return BackupCatalog.NEWEST_FIRST.compare(a, b);
        });

        Instant latestCredible = now.plus(maxClockSkew);
        Map<String, Instant> newestSuccessPerSeries = new HashMap<>();
        Instant newestSuccessOfType = null;
        for (BackupRecord r : sorted) {
            if (r.success() && r.startedAt() != null && !r.startedAt().isAfter(latestCredible)) {
                newestSuccessPerSeries.putIfAbsent(series(r), r.startedAt());
                if (newestSuccessOfType == null) {
                    newestSuccessOfType = r.startedAt();
                }
            }
        }

        List<RetentionPlan.Decision> delete = new ArrayList<>();
        List<RetentionPlan.Decision> keep = new ArrayList<>();
        Map<String, Integer> successesSeen = new HashMap<>();
        for (BackupRecord r : sorted) {
            String series = series(r);
            if (r.startedAt() == null) {
                keep.add(new RetentionPlan.Decision(r, "kept: its manifest has no started_at"));
                continue;
            }
            if (r.startedAt().isAfter(latestCredible)) {
                keep.add(new RetentionPlan.Decision(r, "kept: claims to start at " + r.startedAt().truncatedTo(ChronoUnit.SECONDS)
                        + ", beyond the allowed clock skew of " + maxClockSkew.toMinutes() + " minutes in the future; never deleted,"
                        + " as it may be a real backup from a host whose clock is fast, and not counted as the newest"));
                continue;
            }
            if (r.success()) {
                int rank = successesSeen.merge(series, 1, Integer::sum);
                if (rank == 1) {
                    keep.add(new RetentionPlan.Decision(r, "kept: newest successful backup" + of(series)));
                    continue;
                }
                if (rank <= minKeep) {
                    keep.add(new RetentionPlan.Decision(r, "kept: one of the " + minKeep + " newest successful backups"
                            + of(series) + " (min_keep " + minKeep + ")"));
                    continue;
                }
            }
            Instant reference = newestSuccessPerSeries.getOrDefault(series, newestSuccessOfType);
            String what = r.success() ? "" : "failed run ";
            Duration byClock = Duration.between(r.startedAt(), now);
            if (reference == null) {
                keep.add(new RetentionPlan.Decision(r, "kept: " + what + days(byClock) + " old, but there is no successful backup"
                        + " of " + typeName + " to measure its age from"));
                continue;
            }
            Duration behindNewest = Duration.between(r.startedAt(), reference);
            if (byClock.compareTo(retention) > 0 && behindNewest.compareTo(retention) > 0) {
                delete.add(new RetentionPlan.Decision(r, what + "expired: " + days(byClock) + " old, "
                        + days(behindNewest) + " older than the newest successful backup, retention " + retentionDays + " days"));
            } else if (byClock.compareTo(retention) <= 0) {
                keep.add(new RetentionPlan.Decision(r, "kept: " + what + days(byClock) + " old, retention " + retentionDays + " days"));
            } else {
                keep.add(new RetentionPlan.Decision(r, "kept: " + what + days(byClock) + " old, but within " + retentionDays
                        + " days of the newest successful backup" + of(series) + " (started "
                        + reference.truncatedTo(ChronoUnit.SECONDS) + ")"));
            }
        }
        return new RetentionPlan(typeName, delete, keep);
    }

    /** The series a backup belongs to: its unit (database or globals) for multi-artifact types, else the type. */
    static String series(BackupRecord r) {
        String unit = BackupCatalog.unitOf(r);
        return unit == null ? "" : unit;
    }

    private static String of(String series) {
        return series.isEmpty() ? "" : " of " + series;
    }

    private static String days(Duration d) {
        long days = d.toDays();
        if (d.isNegative()) {
            return "0 days";
        }
        return days == 1 ? "1 day" : days + " days";
    }
}
