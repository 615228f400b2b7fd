package dev.backroute.storage.azure;

import dev.backroute.config.SecretRef;
import dev.backroute.config.StorageConfig;

/** @param connectionString when not configured, the SDK's default credential chain is used */
public record AzureStorage(String name, String container, String prefix, SecretRef connectionString)
        implements StorageConfig {

    @Override
    public String kind() {
        return AzureKind.NAME;
    }
}
