package dev.backroute.retention;

import dev.backroute.catalog.BackupCatalog;
import dev.backroute.catalog.BackupRecord;
import dev.backroute.config.KeepRules;
import dev.backroute.config.TypeConfig;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

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
 *
 * <p>When the type sets any {@code keep_*} rule, the rules replace steps 3 and 4 (restic's {@code forget}, see
 * {@link KeepBuckets}): a successful backup is kept when the newest-success rule, {@code min_keep}, a bucket
 * rule, or an explicitly set {@code retention_days} (restic's {@code --keep-within}, by the same two-way age)
 * keeps it, and its reason names each one. A failed-run manifest is never counted in a bucket; it is kept
 * while it is not older than the newest successful backup of its series (it documents the outage since), or
 * within an explicit {@code retention_days}, and deleted otherwise; as in step 4, a series that never succeeded
 * measures from the type's newest success, and a type that never succeeded keeps them all.
 */
public final class RetentionPolicy {

    /**
     * Decides a dated, credible backup once the shared rules have not.
     * {@code rank}: its place among its series' successful backups, 1 for the newest; 0 for a failed run.
     * {@code reference}: the start of the newest successful backup of its series, else of the type.
     */
    private interface Rule {
        Verdict decide(BackupRecord r, String series, int rank, Instant reference);
    }

    /** Whether a backup stays, and why; a kept backup's reason starts with "kept: ". */
    private record Verdict(boolean keep, String reason) {
        static Verdict keep(String why) {
            return new Verdict(true, "kept: " + why);
        }

        static Verdict delete(String why) {
            return new Verdict(false, why);
        }
    }

    private RetentionPolicy() {}

    /**
     * @param backups the type's backups (manifests), newest first (re-sorted here to be sure)
     * @param type    the type's config: {@code keep_*}, {@code retention_days} and {@code min_keep}
     * @param now     the current time
     * @param maxClockSkew how far in the future a {@code started_at} may be and still be believed
     *                     ({@code operations.max_clock_skew_minutes})
     */
    public static RetentionPlan plan(List<BackupRecord> backups, TypeConfig type, Instant now, Duration maxClockSkew) {
        return type.keep().any()
                ? plan(type.name(), backups, type.keep(), type.minKeep(), now, maxClockSkew)
                : plan(type.name(), backups, type.retentionDays(), type.minKeep(), now, maxClockSkew);
    }

    /** Retention by age: {@code retention_days} and {@code min_keep}, for a type with no {@code keep_*} rule. */
    public static RetentionPlan plan(String typeName, List<BackupRecord> backups, int retentionDays, int minKeep, Instant now,
                                     Duration maxClockSkew) {
        if (retentionDays < 1 || minKeep < 1) {
            throw new IllegalArgumentException("retention_days and min_keep must be at least 1, got " + retentionDays + " and " + minKeep);
        }
        return plan(typeName, backups, now, maxClockSkew, successes -> byAge(retentionDays, minKeep, now));
    }

    /** Retention by restic-style rules: {@code keep_*}, {@code min_keep} and {@code keep.withinDays()} when set. */
    public static RetentionPlan plan(String typeName, List<BackupRecord> backups, KeepRules keep, int minKeep, Instant now,
                                     Duration maxClockSkew) {
        if (!keep.any() || minKeep < 1) {
            throw new IllegalArgumentException("keep rules need at least one keep_* rule and min_keep of at least 1, got " + keep
                    + " and " + minKeep);
        }
        return plan(typeName, backups, now, maxClockSkew, successes -> byRules(keep, minKeep, now, buckets(successes, keep)));
    }

    /**
     * The rules every plan shares: undated and future-dated backups are kept, successes are ranked per series and
     * each backup gets its reference for age; {@code rule} (made from the credible successes, newest first) decides the rest.
     */
    private static RetentionPlan plan(String typeName, List<BackupRecord> backups, Instant now, Duration maxClockSkew,
                                      Function<List<BackupRecord>, Rule> rule) {
        List<BackupRecord> sorted = new ArrayList<>(backups.stream().filter(Objects::nonNull).toList());
        sorted.sort((a, b) -> {
            if (a.startedAt() == null || b.startedAt() == null) {
                return a.startedAt() == null ? (b.startedAt() == null ? 0 : -1) : 1;
            }
            return BackupCatalog.NEWEST_FIRST.compare(a, b);
        });

        Instant latestCredible = now.plus(maxClockSkew);
        List<BackupRecord> credibleSuccesses = sorted.stream()
                .filter(r -> r.success() && r.startedAt() != null && !r.startedAt().isAfter(latestCredible)).toList();
        Map<String, Instant> newestSuccessPerSeries = new HashMap<>();
        credibleSuccesses.forEach(r -> newestSuccessPerSeries.putIfAbsent(series(r), r.startedAt()));
        Instant newestSuccessOfType = credibleSuccesses.isEmpty() ? null : credibleSuccesses.get(0).startedAt();
        Rule decide = rule.apply(credibleSuccesses);

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
            int rank = r.success() ? successesSeen.merge(series, 1, Integer::sum) : 0;
            Instant reference = newestSuccessPerSeries.getOrDefault(series, newestSuccessOfType);
            if (reference == null) {
                keep.add(new RetentionPlan.Decision(r, "kept: failed run " + Age.days(Duration.between(r.startedAt(), now))
                        + " old, but there is no successful backup of " + typeName + " to measure its age from"));
                continue;
            }
            Verdict verdict = decide.decide(r, series, rank, reference);
            (verdict.keep() ? keep : delete).add(new RetentionPlan.Decision(r, verdict.reason()));
        }
        return new RetentionPlan(typeName, delete, keep);
    }

    private static Rule byAge(int retentionDays, int minKeep, Instant now) {
        Duration retention = Duration.ofDays(retentionDays);
        return (r, series, rank, reference) -> {
            String newest = newest(rank, minKeep, series);
            if (newest != null) {
                return Verdict.keep(newest);
            }
            String what = r.success() ? "" : "failed run ";
            Age age = Age.of(r.startedAt(), reference, now);
            if (age.olderThan(retention)) {
                return Verdict.delete(what + "expired: " + age.byClockDays() + " old, "
                        + age.behindNewestDays() + " older than the newest successful backup, retention " + retentionDays + " days");
            }
            if (age.byClock().compareTo(retention) <= 0) {
                return Verdict.keep(what + age.byClockDays() + " old, retention " + retentionDays + " days");
            }
            return Verdict.keep(what + age.byClockDays() + " old, but within " + retentionDays
                    + " days of the newest successful backup" + of(series) + " (started " + reference.truncatedTo(ChronoUnit.SECONDS) + ")");
        };
    }

    private static Rule byRules(KeepRules keep, int minKeep, Instant now, Map<BackupRecord, List<String>> buckets) {
        String rules = KeepBuckets.describe(keep) + (minKeep > 1 ? ", min_keep " + minKeep : "")
                + (keep.withinDays() > 0 ? ", retention_days " + keep.withinDays() : "");
        return (r, series, rank, reference) -> {
            List<String> why = new ArrayList<>();
            String newest = newest(rank, minKeep, series);
            if (newest != null) {
                why.add(newest);
            }
            why.addAll(buckets.getOrDefault(r, List.of()));
            Age age = Age.of(r.startedAt(), reference, now);
            Duration within = Duration.ofDays(keep.withinDays());
            if (keep.withinDays() > 0 && !age.olderThan(within)) {
                why.add(age.byClock().compareTo(within) <= 0
                        ? age.byClockDays() + " old, within retention_days " + keep.withinDays()
                        : "within " + keep.withinDays() + " days of the newest successful backup" + of(series) + " (retention_days "
                                + keep.withinDays() + ")");
            }
            if (!r.success() && !r.startedAt().isBefore(reference)) {
                why.add("not older than the newest successful backup (started " + reference.truncatedTo(ChronoUnit.SECONDS)
                        + "), so it documents the failures since");
            }
            if (!why.isEmpty()) {
                return Verdict.keep((r.success() ? "" : "failed run, ") + String.join("; ", why));
            }
            if (!r.success()) {
                return Verdict.delete("failed run expired: older than the newest successful backup (started "
                        + reference.truncatedTo(ChronoUnit.SECONDS) + "), and keep rules count successful backups only");
            }
            return Verdict.delete("expired: " + age.byClockDays() + " old, kept by none of " + rules);
        };
    }

    /** Why a success of this rank is kept whatever the other rules say (the newest, or within min_keep), or null. */
    private static String newest(int rank, int minKeep, String series) {
        if (rank == 1) {
            return "newest successful backup" + of(series);
        }
        if (rank > 1 && rank <= minKeep) {
            return "one of the " + minKeep + " newest successful backups" + of(series) + " (min_keep " + minKeep + ")";
        }
        return null;
    }

    /** Each series' bucket decisions, over its credible successes (given newest first, all series mixed). */
    private static Map<BackupRecord, List<String>> buckets(List<BackupRecord> credibleSuccesses, KeepRules keep) {
        Map<String, List<BackupRecord>> bySeries = new LinkedHashMap<>();
        credibleSuccesses.forEach(r -> bySeries.computeIfAbsent(series(r), s -> new ArrayList<>()).add(r));
        Map<BackupRecord, List<String>> kept = new IdentityHashMap<>();
        bySeries.forEach((series, successes) -> kept.putAll(KeepBuckets.kept(successes, keep, series)));
        return kept;
    }

    /** The series a backup belongs to: its unit (database or globals) for multi-artifact types, else the type. */
    static String series(BackupRecord r) {
        String unit = BackupCatalog.unitOf(r);
        return unit == null ? "" : unit;
    }

    private static String of(String series) {
        return series.isEmpty() ? "" : " of " + series;
    }
}
