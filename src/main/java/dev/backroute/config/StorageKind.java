package dev.backroute.config;

import java.nio.file.Path;
import java.util.Optional;

/**
 * One kind of storage target ({@code "type"} in a {@code storage} block): each kind reads its own block from
 * its own package and is listed in {@code META-INF/services/dev.backroute.config.StorageKind}, so the config
 * finds every kind without depending on any of them.
 */
public interface StorageKind {

    /** The {@code type} value that selects this kind, e.g. "s3". */
    String name();

    /**
     * Reads the block of the target {@code targetName}; {@code type} has been read already. Problems are
     * reported through {@code f}; the result is then never used, so it may be null or hold fallbacks.
     */
    StorageConfig read(String targetName, Fields f);

    /**
     * A target named {@code targetName} keeping backups in {@code folder}, for the kind that can: the storage
     * a config without a {@code storage} section gets. Empty for every kind that needs settings of its own.
     */
    default Optional<StorageConfig> inFolder(String targetName, Path folder) {
        return Optional.empty();
    }
}
