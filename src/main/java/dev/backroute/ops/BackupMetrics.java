package dev.backroute.ops;

import dev.backroute.catalog.BackupRecord;
import dev.backroute.catalog.BackupStatus;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;

import java.time.Duration;
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

    /** One artifact's outcome: counters and duration. What is kept comes from the catalog ({@link #kept}). */
    public void backup(BackupRecord r) {
        MeterRegistry reg = registry.get();
        Tags type = Tags.of("type", r.type());
        Counter.builder("backroute_backups").description("Backups finished, by result").tags(type.and("result", r.success() ? "success" : "failure"))
                .register(reg).increment();
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
            gauge(reg, "backroute_backup_stored_bytes", "Stored size of the latest successful backup", type).set(success.storedBytes());
            gauge(reg, "backroute_last_success_timestamp_seconds", "When the latest successful backup started (Unix time)", type)
                    .set(success.startedAt().getEpochSecond());
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

    public void validation(String type, boolean success) {
        Counter.builder("backroute_validations").description("Backup validations, by result")
                .tags("type", type, "result", success ? "success" : "failure").register(registry.get()).increment();
    }

    public void retentionDeleted(String type, int count) {
        Counter.builder("backroute_retention_deleted").description("Backups removed by retention cleanup")
                .tags("type", type).register(registry.get()).increment(count);
    }

    private AtomicLong gauge(MeterRegistry reg, String name, String help, Tags tags) {
        return gauges.computeIfAbsent(name + tags, k -> {
            AtomicLong value = new AtomicLong();
            io.micrometer.core.instrument.Gauge.builder(name, value, AtomicLong::doubleValue).description(help).tags(tags).register(reg);
            return value;
        });
    }
}
