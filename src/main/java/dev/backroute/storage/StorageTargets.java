package dev.backroute.storage;

import dev.backroute.config.BackupConfig;
import dev.backroute.config.ConfigException;
import dev.backroute.config.LocalStorage;
import dev.backroute.config.StorageConfig;
import dev.backroute.config.TypeConfig;

import java.util.List;

/** Turns the {@code storage} blocks of the config into targets; the one place that knows every kind. */
public final class StorageTargets {

    private StorageTargets() {}

    public static StorageTarget create(StorageConfig config) {
        if (config instanceof LocalStorage local) {
            return new LocalTarget(local.name(), local.path());
        }
        throw new ConfigException("storage." + config.name(),
                "storage." + config.name() + ": this version of Backroute cannot write to "
                        + kind(config) + " storage yet; list only local targets in backup_types.*.storage");
    }

    /** The targets a type writes to, in the order its {@code storage} list names them. */
    public static List<StorageTarget> forType(BackupConfig config, TypeConfig type) {
        return type.storage().stream().map(name -> create(config.storage().get(name))).toList();
    }

    private static String kind(StorageConfig config) {
        return config.getClass().getSimpleName().replace("Storage", "").toLowerCase(java.util.Locale.ROOT);
    }
}
