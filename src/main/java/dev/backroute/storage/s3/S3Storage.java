package dev.backroute.storage.s3;

import dev.backroute.config.SecretRef;
import dev.backroute.config.StorageConfig;

/**
 * Optional strings are "" when not set.
 *
 * @param endpoint             an S3-compatible service (MinIO, Ceph); "" for AWS
 * @param accessKeyId          with {@code secretAccessKey}: both configured or neither (then the SDK default chain)
 * @param serverSideEncryption "", "AES256" or "aws:kms"
 * @param kmsKeyId             only with "aws:kms"; "" for the bucket's default key
 */
public record S3Storage(String name, String bucket, String region, String prefix, String endpoint, boolean pathStyle,
                        SecretRef accessKeyId, SecretRef secretAccessKey, String serverSideEncryption, String kmsKeyId,
                        int partSizeMb) implements StorageConfig {

    @Override
    public String kind() {
        return S3Kind.NAME;
    }
}
