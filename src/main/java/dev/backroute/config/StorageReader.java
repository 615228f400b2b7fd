package dev.backroute.config;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/** Reads the {@code storage} section: named targets, each with a {@code type}. */
final class StorageReader {
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_-]+");
    private static final List<String> KINDS = List.of("local", "s3", "gcs", "azure");
    private static final Pattern S3_BUCKET = Pattern.compile("[a-z0-9.-]{3,63}");
    private static final Pattern AZURE_CONTAINER = Pattern.compile("[a-z0-9-]{3,63}");
    private static final List<String> HTTP_SCHEMES = List.of("http", "https");
    private static final String AWS_KMS = "aws:kms";
    private static final List<String> SSE_MODES = List.of("", "AES256", AWS_KMS);
    /** With a custom endpoint (MinIO, Ceph) the region is mostly a formality; this is what their docs use. */
    private static final String ENDPOINT_REGION = "us-east-1";

    private StorageReader() {}

    static Map<String, StorageConfig> read(Fields f) {
        Map<String, StorageConfig> targets = new LinkedHashMap<>();
        Map<String, Node> entries = f.entries();
        if (entries.isEmpty()) {
            f.problem("define at least one storage target, e.g. \"local\": {\"type\": \"local\", \"path\": \"backups\"}");
        }
        entries.forEach((name, node) -> {
            if (!NAME.matcher(name).matches()) {
                node.problem("storage target names may use only letters, digits, '_' and '-'");
                return;
            }
            StorageConfig target = node.object(t -> target(name, t));
            if (target != null) {
                targets.put(name, target);
            }
        });
        return targets;
    }

    private static StorageConfig target(String name, Fields f) {
        String kind = f.required("type", "(one of " + String.join(", ", KINDS) + ")");
        return switch (kind) {
            case "local" -> new LocalStorage(name, f.requiredPath("path", "for a local storage target"));
            case "s3" -> s3(name, f);
            case "gcs" -> gcs(name, f);
            case "azure" -> azure(name, f);
            default -> {
                f.check("type", kind.isEmpty(), "must be one of " + String.join(", ", KINDS) + ", got '" + kind + "'"
                        + DidYouMean.hint(kind, KINDS));
                f.ignoreOtherKeys();
                yield null;
            }
        };
    }

    private static S3Storage s3(String name, Fields f) {
        String bucket = f.required("bucket", "for an s3 storage target");
        f.check("bucket", bucket.isEmpty() || S3_BUCKET.matcher(bucket).matches(),
                "must be 3 to 63 characters of a-z, 0-9, '.' and '-', got '" + bucket + "'");
        String region = f.string("region", "");
        String prefix = prefix(f);
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

    private static GcsStorage gcs(String name, Fields f) {
        String bucket = f.required("bucket", "for a gcs storage target");
        String projectId = f.string("project_id", "");
        return new GcsStorage(name, bucket, projectId, prefix(f), f.path("credentials_file"));
    }

    private static AzureStorage azure(String name, Fields f) {
        String container = f.required("container", "for an azure storage target");
        f.check("container", container.isEmpty() || AZURE_CONTAINER.matcher(container).matches(),
                "must be 3 to 63 characters of lowercase letters, digits and '-', got '" + container + "'");
        return new AzureStorage(name, container, prefix(f), f.secret("connection_string"));
    }

    /** Object keys are relative to the bucket or container, so a leading "/" would make an empty first segment. */
    private static String prefix(Fields f) {
        String prefix = f.string("prefix", "");
        f.check("prefix", !prefix.startsWith("/"), "must not start with '/', got '" + prefix + "'");
        return prefix;
    }
}
