package dev.backroute.storage;

import dev.backroute.config.StorageConfig;
import dev.backroute.config.StorageKind;

/**
 * A storage kind that can also open its targets. Every registered {@link StorageKind} is one; a kind adds
 * itself with one line in {@code META-INF/services/dev.backroute.config.StorageKind}.
 */
public interface TargetKind extends StorageKind {

    /**
     * The target for {@code config}, which this kind read. Contacts nothing: clients are built at the first call
     * that needs them. May read the configured secrets, so a missing one is a ConfigException up front.
     */
    StorageTarget open(StorageConfig config);
}
