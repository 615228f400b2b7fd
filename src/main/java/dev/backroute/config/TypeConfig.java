package dev.backroute.config;

import dev.backroute.pipeline.Compression;

import java.util.List;

/**
 * One entry of {@code backup_types}, with every default applied.
 *
 * @param schedule cron expression as the operator wrote it (Quartz 6 or 7 fields, or crontab 5)
 * @param storage  names of the storage targets, all defined in {@link BackupConfig#storage()}
 * @param source   what to back up; null only for a disabled type configured without one
 * @param compressionThreads worker threads for compression (1 = the single-threaded encoders)
 */
public record TypeConfig(String name, boolean enabled, String schedule, int retentionDays, int minKeep,
                         Compression compression, int compressionLevel, boolean encrypt,
                         List<String> storage, SourceConfig source, int compressionThreads) {
    public TypeConfig {
        storage = List.copyOf(storage);
    }

    /** What the type's source is: {@code files}, {@code postgresql}, {@code neo4j} or {@code milvus}. */
    public String kind() {
        return BackupConfig.kindOf(name);
    }

    /** The schedule as Quartz reads it, for triggers and fire-time arithmetic. */
    public String quartzSchedule() {
        return Cron.toQuartz(schedule);
    }
}
