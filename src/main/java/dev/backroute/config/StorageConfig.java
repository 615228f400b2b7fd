package dev.backroute.config;

/** A storage target of the {@code storage} section; {@link #name()} is its key there. */
public sealed interface StorageConfig permits LocalStorage, S3Storage, GcsStorage, AzureStorage {
    String name();
}
