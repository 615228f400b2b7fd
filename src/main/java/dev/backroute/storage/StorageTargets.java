package dev.backroute.storage;

import dev.backroute.config.AzureStorage;
import dev.backroute.config.BackupConfig;
import dev.backroute.config.GcsStorage;
import dev.backroute.config.LocalStorage;
import dev.backroute.config.S3Storage;
import dev.backroute.config.StorageConfig;
import dev.backroute.config.TypeConfig;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** Turns the {@code storage} blocks of the config into targets; the one place that knows every kind. */
public final class StorageTargets {

    /**
     * Cloud targets hold an SDK client (connection pool, threads) built at first use; SDK clients are meant
     * to be shared, so one target per configuration lives as long as the JVM instead of one per backup run.
     */
    private static final Map<StorageConfig, StorageTarget> CLOUD = new ConcurrentHashMap<>();

    private StorageTargets() {}

    /**
     * The target for a {@code storage} block. Creating one contacts nothing: clients are built and
     * credentials read at the first call that needs them, so a command that never touches a target never
     * fails on its credentials.
     */
    public static StorageTarget create(StorageConfig config) {
        if (config instanceof LocalStorage local) {
            return new LocalTarget(local.name(), local.path());
        }
        return CLOUD.computeIfAbsent(config, c -> {
            if (c instanceof S3Storage s3) {
                return new S3Target(s3);
            }
            if (c instanceof GcsStorage gcs) {
                return new GcsTarget(gcs);
            }
            return new AzureTarget((AzureStorage) c);
        });
    }

    /** The targets a type writes to, in the order its {@code storage} list names them. */
    public static List<StorageTarget> forType(BackupConfig config, TypeConfig type) {
        return type.storage().stream().map(name -> create(config.storage().get(name))).toList();
    }
}
