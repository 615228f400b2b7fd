package dev.backroute.storage.local;

import dev.backroute.config.Fields;
import dev.backroute.config.StorageConfig;
import dev.backroute.pipeline.Throttle;
import dev.backroute.storage.StorageTarget;
import dev.backroute.storage.TargetKind;

import java.nio.file.Path;
import java.util.Optional;

/** {@code "type": "local"}: a folder on a local or mounted file system; also the storage of a config without any. */
public final class LocalKind implements TargetKind {
    static final String NAME = "local";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public LocalStorage read(String name, Fields f) {
        return new LocalStorage(name, f.requiredPath("path", "for a local storage target"));
    }

    @Override
    public Optional<StorageConfig> inFolder(String name, Path folder) {
        return Optional.of(new LocalStorage(name, folder));
    }

    @Override
    public StorageTarget open(StorageConfig config, Throttle uploads) {
        LocalStorage local = (LocalStorage) config;
        return new LocalTarget(local.name(), local.path(), uploads);
    }
}
