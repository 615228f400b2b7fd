package dev.backroute.storage.s3;

import dev.backroute.config.Fields;
import dev.backroute.config.SecretRef;
import dev.backroute.config.StorageConfig;
import dev.backroute.pipeline.Throttle;
import dev.backroute.storage.ObjectKeys;
import dev.backroute.storage.StorageTarget;
import dev.backroute.storage.TargetKind;

import java.util.List;
import java.util.regex.Pattern;

/** {@code "type": "s3"}: a bucket on AWS S3 or an S3-compatible store. */
public final class S3Kind implements TargetKind {
    static final String NAME = "s3";
    static final String AWS_KMS = "aws:kms";
    private static final Pattern BUCKET = Pattern.compile("[a-z0-9.-]{3,63}");
    private static final List<String> HTTP_SCHEMES = List.of("http", "https");
    private static final List<String> SSE_MODES = List.of("", "AES256", AWS_KMS);
    /** With a custom endpoint (MinIO, Ceph) the region is mostly a formality; this is what their docs use. */
    private static final String ENDPOINT_REGION = "us-east-1";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public S3Storage read(String name, Fields f) {
        String bucket = f.required("bucket", "for an s3 storage target");
        f.check("bucket", bucket.isEmpty() || BUCKET.matcher(bucket).matches(),
                "must be 3 to 63 characters of a-z, 0-9, '.' and '-', got '" + bucket + "'");
        String region = f.string("region", "");
        String prefix = ObjectKeys.prefix(f);
        String endpoint = f.string("endpoint", "");
        f.checkUri("endpoint", endpoint, HTTP_SCHEMES);
        f.check("region", !region.isEmpty() || !endpoint.isEmpty(), "required for an s3 storage target without an endpoint");
        boolean pathStyle = f.bool("path_style", false);
        SecretRef accessKeyId = f.secret("access_key_id");
        SecretRef secretAccessKey = f.secret("secret_access_key");
        if (accessKeyId.isConfigured() != secretAccessKey.isConfigured()) {
            String missing = accessKeyId.isConfigured() ? "secret_access_key" : "access_key_id";
            f.check(missing, false, "required with the other half of the key pair; give " + missing + "_env or "
                    + missing + "_file, or neither key to use the AWS default credential chain");
        }
        String encryption = f.choice("server_side_encryption", "", SSE_MODES);
        String kmsKeyId = f.string("kms_key_id", "");
        // A bad server_side_encryption is already reported; whether it meant aws:kms is anyone's guess.
        f.check("kms_key_id", kmsKeyId.isEmpty() || encryption.equals(AWS_KMS) || !SSE_MODES.contains(encryption),
                "only used with server_side_encryption \"aws:kms\"; set that or remove kms_key_id");
        int partSizeMb = f.integer("part_size_mb", 16, 5, 5120);
        return new S3Storage(name, bucket, region.isEmpty() ? ENDPOINT_REGION : region, prefix, endpoint, pathStyle,
                accessKeyId, secretAccessKey, encryption, kmsKeyId, partSizeMb);
    }

    @Override
    public StorageTarget open(StorageConfig config, Throttle uploads) {
        return new S3Target((S3Storage) config, uploads);
    }
}
