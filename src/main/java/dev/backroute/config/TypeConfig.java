package dev.backroute.config;

import dev.backroute.pipeline.Compression;

import java.util.List;

/**
 * One entry of {@code backup_types}, with every default applied: an instance of its source kind, with its
 * own schedule, retention, compression, encryption, storage and source.
 *
 * @param name     {@code [a-z][a-z0-9_]*}: the key in {@code backup_types}, the folder of its backups
 * @param kind     what the source is: a registered {@link SourceKind}'s name ({@code files}, {@code postgresql}, ...)
 * @param schedule cron expression as the operator wrote it (Quartz 6 or 7 fields, or crontab 5)
 * @param storage  names of the storage targets, all defined in {@link BackupConfig#storage()}
 * @param source   what to back up; null only for a disabled type configured without one
 * @param compressionThreads worker threads for compression (1 = the single-threaded encoders)
 * @param format   one artifact per backup, or the type's deduplicating repository
 * @param repository the repository's pack and chunk sizes (defaults when the format is archive)
 * @param retentionDays {@code retention_days}, or the type's default when not set; it decides alone with
 *                      {@code min_keep} when no {@code keep_*} rule is set
 * @param keep     the {@code keep_*} rules, and {@code retention_days} only if set explicitly ({@link KeepRules#withinDays()})
 * @param drill    how a recovery drill restores and checks this type's backups
 */
public record TypeConfig(String name, String kind, boolean enabled, String schedule, int retentionDays, int minKeep,
                         Compression compression, int compressionLevel, boolean encrypt,
                         List<String> storage, SourceConfig source, int compressionThreads,
                         StorageFormat format, RepositorySettings repository, KeepRules keep,
                         DrillConfig drill) {
    public TypeConfig {
        storage = List.copyOf(storage);
    }

    public boolean usesRepository() {
        return format == StorageFormat.REPOSITORY;
    }

    /** The schedule as Quartz reads it, for triggers and fire-time arithmetic. */
    public String quartzSchedule() {
        return Cron.toQuartz(schedule);
    }
}
