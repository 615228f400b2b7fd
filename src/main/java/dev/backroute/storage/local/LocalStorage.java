package dev.backroute.storage.local;

import dev.backroute.config.StorageConfig;

import java.nio.file.Path;

/** @param path absolute, normalized */
public record LocalStorage(String name, Path path) implements StorageConfig {

    @Override
    public String kind() {
        return LocalKind.NAME;
    }
}
