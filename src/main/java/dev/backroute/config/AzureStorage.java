package dev.backroute.config;

/** @param connectionString when not configured, the SDK's default credential chain is used */
public record AzureStorage(String name, String container, String prefix, SecretRef connectionString)
        implements StorageConfig {
}
