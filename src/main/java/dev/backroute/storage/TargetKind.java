package dev.backroute.storage;

import dev.backroute.config.StorageConfig;
import dev.backroute.config.StorageKind;
import dev.backroute.pipeline.Throttle;

/**
 * A storage kind that can also open its targets. Every registered {@link StorageKind} is one; a kind adds
 * itself with one line in {@code META-INF/services/dev.backroute.config.StorageKind}.
 */
public interface TargetKind extends StorageKind {

    /**
     * The target for {@code config}, which this kind read. Contacts nothing: clients are built at the first call
     * that needs them. May read the configured secrets, so a missing one is a ConfigException up front.
     *
     * @param uploads every byte the target stores passes it, read through {@link Throttle#limit} as it is sent:
     *                only the target reads the staged file or bytes as they go out ({@link Throttle#NONE}: no limit)
     */
    StorageTarget open(StorageConfig config, Throttle uploads);
}
