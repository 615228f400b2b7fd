package dev.backroute.config;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * How a type's backups are stored (docs/repository.md): each run as one independent artifact, or its
 * stream cut into chunks in the type's deduplicating repository, where a backup costs what changed.
 */
public enum StorageFormat {
    ARCHIVE("archive"),
    REPOSITORY("repository");

    private final String configName;

    StorageFormat(String configName) {
        this.configName = configName;
    }

    public String configName() {
        return configName;
    }

    public static List<String> configNames() {
        return Arrays.stream(values()).map(StorageFormat::configName).toList();
    }

    public static Optional<StorageFormat> fromConfigName(String name) {
        return Arrays.stream(values()).filter(f -> f.configName.equals(name)).findFirst();
    }
}
