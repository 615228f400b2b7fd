package dev.backroute.ops;

import dev.backroute.catalog.BackupRecord;
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

    /** One artifact's outcome: counters, duration, sizes and, when it succeeded, the last-success time. */
    public void backup(BackupRecord r) {
        MeterRegistry reg = registry.get();
        Tags type = Tags.of("type", r.type());
        Counter.builder("backroute_backups").description("Backups finished, by result").tags(type.and("result", r.success() ? "success" : "failure"))
                .register(reg).increment();
        if (r.startedAt() != null && r.finishedAt() != null) {
            Timer.builder("backroute_backup_duration").description("Wall time of one backup artifact").tags(type)
                    .register(reg).record(Duration.between(r.startedAt(), r.finishedAt()));
        }
        if (r.success()) {
            gauge(reg, "backroute_backup_raw_bytes", "Plaintext size of the latest successful backup", type).set(r.rawBytes());
            gauge(reg, "backroute_backup_stored_bytes", "Stored size of the latest successful backup", type).set(r.storedBytes());
            gauge(reg, "backroute_last_success_timestamp_seconds", "When the latest successful backup started (Unix time)", type)
                    .set(r.startedAt().getEpochSecond());
        }
    }

    public void validation(String type, boolean success) {
        Counter.builder("backroute_validations").description("Backup validations, by result")
                .tags("type", type, "result", success ? "success" : "failure").register(registry.get()).increment();
    }

    public void retentionDeleted(String type, int count) {
        Counter.builder("backroute_retention_deleted").description("Backups removed by retention cleanup")
                .tags("type", type).register(registry.get()).increment(count);
    }

    public void bytesKept(String type, String target, long bytes) {
        gauge(registry.get(), "backroute_bytes_kept", "Stored bytes of the successful backups kept, per target",
                Tags.of("type", type, "target", target)).set(bytes);
    }

    private AtomicLong gauge(MeterRegistry reg, String name, String help, Tags tags) {
        return gauges.computeIfAbsent(name + tags, k -> {
            AtomicLong value = new AtomicLong();
            io.micrometer.core.instrument.Gauge.builder(name, value, AtomicLong::doubleValue).description(help).tags(tags).register(reg);
            return value;
        });
    }
}
