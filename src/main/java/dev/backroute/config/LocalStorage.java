package dev.backroute.config;

import java.nio.file.Path;

/** @param path absolute, normalized */
public record LocalStorage(String name, Path path) implements StorageConfig {
}
