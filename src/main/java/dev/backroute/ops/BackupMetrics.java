package dev.backroute.ops;

import dev.backroute.Hosts;
import dev.backroute.catalog.BackupRecord;
import dev.backroute.catalog.BackupStatus;
import dev.backroute.catalog.TypeSizes;
import dev.backroute.drill.DrillRecord;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * Backroute's own meters, registered in the Micrometer registry that camel-micrometer-prometheus serves
 * at {@code /observe/metrics}. Gauges hold the latest value per type (and target).
 */
public final class BackupMetrics {
    private final Supplier<MeterRegistry> registry;
    private final Map<String, GaugeValue> gauges = new ConcurrentHashMap<>();
    private final Map<Tags, String> lastMembers = new ConcurrentHashMap<>();

    public BackupMetrics(Supplier<MeterRegistry> registry) {
        this.registry = registry;
    }

    /** One artifact's outcome: counters and duration. What is kept comes from the catalog ({@link #kept}). */
    public void backup(BackupRecord r) {
        MeterRegistry reg = registry.get();
        Tags type = Tags.of("type", r.type());
        backups(reg, type, r.success() ? "success" : "failure").increment();
        if (r.startedAt() != null && r.finishedAt() != null) {
            Timer.builder("backroute_backup_duration").description("Wall time of one backup artifact").tags(type)
                    .register(reg).record(Duration.between(r.startedAt(), r.finishedAt()));
        }
    }

    /**
     * What the type's storage holds, as its manifests say: set at start from the catalog, so that a restart
     * does not leave the staleness alerts blind until each type's next backup, and again after each run
     * and each retention pass.
     */
    public void kept(BackupStatus status) {
        MeterRegistry reg = registry.get();
        Tags type = Tags.of("type", status.type());
        BackupRecord success = status.lastSuccess();
        if (success != null) {
            gauge(reg, "backroute_backup_raw_bytes", "Plaintext size of the latest successful backup", type).set(success.rawBytes());
            gauge(reg, "backroute_backup_stored_bytes", "Bytes the latest successful backup stored (a repository backup: new chunks only)", type).set(success.storedBytes());
            gauge(reg, "backroute_last_success_timestamp_seconds", "When the latest successful backup started (Unix time)", type)
                    .set(success.startedAt().getEpochSecond());
            lastSuccessMember(reg, type, Hosts.shown(success.host()));
        }
        BackupRecord failure = status.lastFailure();
        if (failure != null && failure.startedAt() != null) {
            gauge(reg, "backroute_last_failure_timestamp_seconds", "When the latest failed backup started (Unix time)", type)
                    .set(failure.startedAt().getEpochSecond());
        }
        gauge(reg, "backroute_backups_kept", "Successful backups kept on the storage targets", type).set(status.successfulCount());
        status.bytesPerTarget().forEach((target, bytes) -> gauge(reg, "backroute_bytes_kept",
                "Stored bytes of the successful backups kept, per target", type.and("target", target)).set(bytes));
    }

    /**
     * Which host or cluster member made the type's newest successful backup: 1 on its series, 0 on the members that
     * made an earlier newest one while this process ran. The name comes from an authenticated manifest, made inert.
     */
    private void lastSuccessMember(MeterRegistry reg, Tags type, String member) {
        if (member == null) {
            return;
        }
        String previous = lastMembers.put(type, member);
        if (previous != null && !previous.equals(member)) {
            memberGauge(reg, type, previous).set(0);
        }
        memberGauge(reg, type, member).set(1);
    }

    private GaugeValue memberGauge(MeterRegistry reg, Tags type, String member) {
        return gauge(reg, "backroute_last_success_member", "1 for the host or cluster member that made the type's newest successful backup",
                type.and("member", member));
    }

    /**
     * A type's logical and stored size per target ({@link TypeSizes}), refreshed with {@link #kept} after runs,
     * retention passes and at start, not on the overdue-check timer: a repository's figure lists its packs.
     * A figure not known (a target that could not be listed, a ratio while nothing is stored) is NaN, so
     * that an old value is not taken for the current one.
     */
    public void sizes(String type, Map<String, TypeSizes.OnTarget> sizes) {
        MeterRegistry reg = registry.get();
        sizes.forEach((target, s) -> {
            Tags tags = Tags.of("type", type, "target", target);
            gauge(reg, "backroute_logical_bytes", "Raw bytes of the successful backups kept on the target: what restoring them gives", tags)
                    .set(s.logicalBytes());
            gauge(reg, "backroute_stored_bytes", "Bytes the type takes on the target: a repository's packs, or the archives kept", tags)
                    .set(s.storedBytes() == null ? Double.NaN : s.storedBytes());
            gauge(reg, "backroute_dedup_ratio", "Logical bytes over stored bytes: what deduplication and compression save", tags)
                    .set(s.dedupRatio() == null ? Double.NaN : s.dedupRatio());
        });
    }

    /**
     * A type's standing on the overdue-check timer: what it keeps, and what the alert rules compare with
     * it (the schedule period, the runtime's own overdue and validation verdicts).
     */
    public void standing(BackupStatus status, TypeHealth health) {
        MeterRegistry reg = registry.get();
        Tags type = Tags.of("type", status.type());
        // Counters exist at 0 from here on: Prometheus' increase() cannot see the first increment of a
        // series that appears already at 1, so an alert on the first failure after a restart would stay quiet.
        for (String result : List.of("success", "failure")) {
            backups(reg, type, result);
            validations(reg, type, result);
        }
        kept(status);
        gauge(reg, "backroute_schedule_period_seconds", "The type's schedule period after its last success", type)
                .set(health.period().toSeconds());
        gauge(reg, "backroute_backup_overdue", "1 when the type had no successful backup within two schedule periods", type)
                .set(health.overdue() ? 1 : 0);
        gauge(reg, "backroute_validation_failing", "1 when the type's newest successful backup failed its last validation", type)
                .set(health.validationFailed() ? 1 : 0);
    }

    /** Whether a storage target answered the last probe (a listing). */
    public void targetUp(String target, boolean up) {
        gauge(registry.get(), "backroute_storage_target_up", "1 when the storage target answered the last probe, 0 when it failed",
                Tags.of("target", target)).set(up ? 1 : 0);
    }

    public void validation(String type, boolean success) {
        validations(registry.get(), Tags.of("type", type), success ? "success" : "failure").increment();
    }

    /**
     * One target's step of a repository type's subset check: the packs it read, and the share of the packs read within
     * the current rotation (1 when the rotation has read every pack).
     */
    public void packsRead(String type, String target, int packs, double coverage) {
        Tags tags = Tags.of("type", type, "target", target);
        Counter.builder("backroute_validation_packs_read").description("Packs read whole by the scheduled subset validation")
                .tags(tags).register(registry.get()).increment(packs);
        gauge(registry.get(), "backroute_validation_pack_coverage_ratio",
                "Share of the repository's packs the subset validation has read within its current rotation", tags).set(coverage);
    }

    public void retentionDeleted(String type, int count) {
        Counter.builder("backroute_retention_deleted").description("Backups removed by retention cleanup")
                .tags("type", type).register(registry.get()).increment(count);
    }

    /**
     * A drill's outcome, and at start the type's last drill as its record says: the success timestamp and the restore
     * time of the last drill that passed, and a counter of drills by result.
     */
    public void drill(DrillRecord record, boolean justRan) {
        MeterRegistry reg = registry.get();
        Tags type = Tags.of("type", record.type());
        for (String result : List.of("success", "failure")) {
            Counter counter = Counter.builder("backroute_drills").description("Recovery drills finished, by result")
                    .tags(type.and("result", result)).register(reg);
            if (justRan && result.equals(record.success() ? "success" : "failure")) {
                counter.increment();
            }
        }
        gauge(reg, "backroute_last_drill_timestamp_seconds", "When the type's latest drill started (Unix time), passed or not", type)
                .set(record.startedAt().getEpochSecond());
        gauge(reg, "backroute_last_drill_success", "1 when the type's latest drill passed every check", type).set(record.success() ? 1 : 0);
        if (record.success()) {
            drillPassed(record);
        }
    }

    /** The type's latest passing drill: when it started and how long it took to restore. */
    public void drillPassed(DrillRecord record) {
        MeterRegistry reg = registry.get();
        Tags type = Tags.of("type", record.type());
        gauge(reg, "backroute_last_drill_success_timestamp_seconds", "When the type's latest passing drill started (Unix time)", type)
                .set(record.startedAt().getEpochSecond());
        gauge(reg, "backroute_drill_restore_seconds", "Time the latest passing drill took to restore the type's backups", type)
                .set(record.restoreSeconds());
    }

    public void pruneFreed(String type, long bytes) {
        Counter.builder("backroute_prune_freed_bytes").description("Stored bytes reclaimed by prune").baseUnit("bytes")
                .tags("type", type).register(registry.get()).increment(bytes);
    }

    private static Counter backups(MeterRegistry reg, Tags type, String result) {
        return Counter.builder("backroute_backups").description("Backups finished, by result").tags(type.and("result", result)).register(reg);
    }

    private static Counter validations(MeterRegistry reg, Tags type, String result) {
        return Counter.builder("backroute_validations").description("Backup validations, by result").tags(type.and("result", result))
                .register(reg);
    }

    private GaugeValue gauge(MeterRegistry reg, String name, String help, Tags tags) {
        return gauges.computeIfAbsent(name + tags, k -> {
            GaugeValue value = new GaugeValue();
            io.micrometer.core.instrument.Gauge.builder(name, value, GaugeValue::get).description(help).tags(tags).register(reg);
            return value;
        });
    }

    /** A gauge's latest value: a double, since a ratio has fractions and an unknown figure is NaN. */
    private static final class GaugeValue {
        private volatile double value;

        void set(double v) {
            value = v;
        }

        double get() {
            return value;
        }
    }
}
