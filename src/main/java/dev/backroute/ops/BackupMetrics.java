package dev.backroute.ops;

import dev.backroute.catalog.BackupRecord;
import dev.backroute.catalog.BackupStatus;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * Backroute's own meters, registered in the Micrometer registry that camel-micrometer-prometheus serves
 * at {@code /observe/metrics}. Gauges hold the latest value per type (and target).
 */
public final class BackupMetrics {
    private final Supplier<MeterRegistry> registry;
    private final Map<String, AtomicLong> gauges = new ConcurrentHashMap<>();

    public BackupMetrics(Supplier<MeterRegistry> registry) {
        this.registry = registry;
    }

    /** One artifact's outcome: counters, duration, sizes and, when it succeeded, the last-success time. */
    public void backup(BackupRecord r) {
        MeterRegistry reg = registry.get();
        Tags type = Tags.of("type", r.type());
        backups(reg, type, r.success() ? "success" : "failure").increment();
        if (r.startedAt() != null && r.finishedAt() != null) {
            Timer.builder("backroute_backup_duration").description("Wall time of one backup artifact").tags(type)
                    .register(reg).record(Duration.between(r.startedAt(), r.finishedAt()));
        }
        if (!r.success() && r.startedAt() != null) {
            lastFailure(reg, type).set(r.startedAt().getEpochSecond());
        }
        if (r.success()) {
            gauge(reg, "backroute_backup_raw_bytes", "Plaintext size of the latest successful backup", type).set(r.rawBytes());
            gauge(reg, "backroute_backup_stored_bytes", "Stored size of the latest successful backup", type).set(r.storedBytes());
            lastSuccess(reg, type).set(r.startedAt().getEpochSecond());
        }
    }

    /**
     * A type's standing from the catalog, on the overdue-check timer: what the alert rules compare (last
     * success and failure, the schedule period, the runtime's own overdue and validation verdicts).
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
        if (status.lastSuccess() != null) {
            lastSuccess(reg, type).set(status.lastSuccess().startedAt().getEpochSecond());
        }
        if (status.lastFailure() != null && status.lastFailure().startedAt() != null) {
            lastFailure(reg, type).set(status.lastFailure().startedAt().getEpochSecond());
        }
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

    public void retentionDeleted(String type, int count) {
        Counter.builder("backroute_retention_deleted").description("Backups removed by retention cleanup")
                .tags("type", type).register(registry.get()).increment(count);
    }

    public void bytesKept(String type, String target, long bytes) {
        gauge(registry.get(), "backroute_bytes_kept", "Stored bytes of the successful backups kept, per target",
                Tags.of("type", type, "target", target)).set(bytes);
    }

    private static Counter backups(MeterRegistry reg, Tags type, String result) {
        return Counter.builder("backroute_backups").description("Backups finished, by result").tags(type.and("result", result)).register(reg);
    }

    private static Counter validations(MeterRegistry reg, Tags type, String result) {
        return Counter.builder("backroute_validations").description("Backup validations, by result").tags(type.and("result", result))
                .register(reg);
    }

    private AtomicLong lastSuccess(MeterRegistry reg, Tags type) {
        return gauge(reg, "backroute_last_success_timestamp_seconds", "When the latest successful backup started (Unix time)", type);
    }

    private AtomicLong lastFailure(MeterRegistry reg, Tags type) {
        return gauge(reg, "backroute_last_failure_timestamp_seconds", "When the latest failed backup started (Unix time)", type);
    }

    private AtomicLong gauge(MeterRegistry reg, String name, String help, Tags tags) {
        return gauges.computeIfAbsent(name + tags, k -> {
            AtomicLong value = new AtomicLong();
            io.micrometer.core.instrument.Gauge.builder(name, value, AtomicLong::doubleValue).description(help).tags(tags).register(reg);
            return value;
        });
    }
}
