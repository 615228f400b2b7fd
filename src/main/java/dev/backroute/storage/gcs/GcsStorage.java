package dev.backroute.storage.gcs;

import dev.backroute.config.StorageConfig;

import java.nio.file.Path;

/**
 * @param projectId       "" when not set
 * @param credentialsFile a service-account key file; null for the SDK's default credentials
 */
public record GcsStorage(String name, String bucket, String projectId, String prefix, Path credentialsFile)
        implements StorageConfig {

    @Override
    public String kind() {
        return GcsKind.NAME;
    }
}
