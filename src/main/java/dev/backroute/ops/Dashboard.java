package dev.backroute.ops;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.backroute.Errors;
import dev.backroute.Hosts;
import dev.backroute.catalog.BackupManager;
import dev.backroute.catalog.BackupRecord;
import dev.backroute.catalog.BackupStatus;
import dev.backroute.catalog.TypeSizes;
import dev.backroute.cluster.ClusterOverview;
import dev.backroute.config.BackupConfig;
import dev.backroute.config.TypeConfig;
import dev.backroute.drill.DrillRecord;
import dev.backroute.drill.DrillRecords;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * What the dashboard page shows, read from the catalog when asked: per enabled type its state and the
 * backups of the last {@link #HISTORY} days, and with a cluster its members. Every string in it may come from
 * a manifest, that is from untrusted storage, or from the cluster database; the page treats them as text.
 */
public final class Dashboard {
    public static final Duration HISTORY = Duration.ofDays(90);
    /** Enough for an hourly schedule over the whole history; a storage stuffed with manifests cannot make the page huge. */
    static final int MAX_POINTS = 2_500;

    private final BackupConfig config;
    private final BackupManager manager;
    private final Clock clock;
    private final Instant watchingSince;
    private final DrillRecords drills;
    private final Supplier<ClusterOverview> cluster;

    /** @param cluster reads the cluster's members when asked; gives null when this host is in no cluster */
    public Dashboard(BackupConfig config, BackupManager manager, Clock clock, Instant watchingSince, DrillRecords drills,
                     Supplier<ClusterOverview> cluster) {
        this.drills = drills;
        this.cluster = cluster;
        this.config = config;
        this.manager = manager;
        this.clock = clock;
        this.watchingSince = watchingSince;
    }

    /** {@code cluster} is left out of the JSON when this host is in no cluster. */
    public record Report(Instant generatedAt, long historyDays, List<TypeView> types,
                         @JsonInclude(JsonInclude.Include.NON_NULL) ClusterOverview cluster) {}

    /**
     * One type. {@code error} is set, and the state fields are empty, when its storage could not be read.
     * {@code health} is the same sentence as the health check's detail. {@code repository} tells how to read
     * {@code sizes}' ratio: deduplication and compression, or compression alone.
     */
    public record TypeView(String name, String schedule, Backup lastSuccess, Backup lastFailure, Instant nextDue, boolean due,
                           boolean overdue, boolean validationFailed, String health, int backupsKept,
                           Map<String, Long> bytesKept, boolean repository, Map<String, TypeSizes.OnTarget> sizes,
                           List<Point> history, Drill lastDrill, String error) {

        static TypeView unreadable(TypeConfig type, String error) {
            return new TypeView(type.name(), type.schedule(), null, null, null, false, false, false, null, 0, Map.of(),
                    type.usesRepository(), Map.of(), List.of(), null, error);
        }
    }

    /** {@code host}: the host or cluster member its manifest names, made fit to show ({@link Hosts#shown}); null when none. */
    public record Backup(String id, Instant startedAt, Instant finishedAt, long storedBytes, String error, String host) {
        /** Far beyond any error Backroute writes; a planted manifest's megabytes of "error" stop here. */
        static final int MAX_ERROR = 2000;

        static Backup of(BackupRecord r) {
            if (r == null) {
                return null;
            }
            String error = r.error() == null || r.error().length() <= MAX_ERROR ? r.error() : r.error().substring(0, MAX_ERROR) + "…";
            return new Backup(r.id(), r.startedAt(), r.finishedAt(), r.storedBytes(), error, Hosts.shown(r.host()));
        }
    }

    /** The type's last recovery drill, from its sealed record: when, on which host, the backups it restored, and how it went. */
    public record Drill(Instant startedAt, boolean success, String host, List<String> backupIds, double restoreSeconds, String error) {
        static Drill of(DrillRecord r) {
            if (r == null) {
                return null;
            }
            String error = r.error() == null || r.error().length() <= Backup.MAX_ERROR ? r.error()
                    : r.error().substring(0, Backup.MAX_ERROR) + "…";
            return new Drill(r.startedAt(), r.success(), r.host(), r.backups().stream().map(DrillRecord.Backup::backupId).toList(),
                    r.restoreSeconds(), error);
        }
    }

    /** One backup of the chart: when, whether it worked, its stored size and how long it took. */
    public record Point(Instant startedAt, boolean success, long storedBytes, Double durationSeconds) {

        static Point of(BackupRecord r) {
            // A manifest may say anything: a finish before the start has no duration to draw.
            boolean known = r.finishedAt() != null && !r.finishedAt().isBefore(r.startedAt());
            Double seconds = known ? Duration.between(r.startedAt(), r.finishedAt()).toMillis() / 1000.0 : null;
            return new Point(r.startedAt(), r.success(), r.storedBytes(), seconds);
        }
    }

    public Report report() {
        Instant now = clock.instant();
        List<TypeView> types = config.enabledTypes().stream().map(t -> view(t, now)).toList();
        return new Report(now, HISTORY.toDays(), types, cluster.get());
    }

    private TypeView view(TypeConfig type, Instant now) {
        try {
            BackupStatus status = manager.getBackupStatus(type.name());
            TypeHealth health = TypeHealth.of(status, now, watchingSince);
            Instant since = now.minus(HISTORY);
            // The chart reads left to right, oldest first.
            List<Point> history = manager.listBackups(type.name(), MAX_POINTS).stream()
                    .filter(r -> r.startedAt().isAfter(since) && !r.startedAt().isAfter(now))
                    .map(Point::of).sorted(Comparator.comparing(Point::startedAt)).toList();
            return new TypeView(type.name(), type.schedule(), Backup.of(status.lastSuccess()), Backup.of(status.lastFailure()),
                    status.nextDue(), status.isDue(now), health.overdue(), health.validationFailed(), health.detail(),
                    status.successfulCount(), status.bytesPerTarget(), type.usesRepository(), manager.getTypeSizes(status), history,
                    Drill.of(drills.latest(type.name()).orElse(null)), null);
        } catch (IOException | RuntimeException e) {
            return TypeView.unreadable(type, Errors.describe(e));
        }
    }
}
