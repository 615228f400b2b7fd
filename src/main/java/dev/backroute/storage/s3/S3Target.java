package dev.backroute.storage.s3;

import dev.backroute.pipeline.Throttle;
import dev.backroute.repository.BlobName;
import dev.backroute.storage.CloudFailures;
import dev.backroute.storage.ObjectStoreTarget;
import dev.backroute.storage.PlainNames;
import dev.backroute.storage.StorageTargetException;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3ClientBuilder;
import software.amazon.awssdk.services.s3.S3Configuration;
import software.amazon.awssdk.services.s3.model.AbortMultipartUploadRequest;
import software.amazon.awssdk.services.s3.model.GetObjectRequest;
import software.amazon.awssdk.services.s3.model.HeadObjectRequest;
import software.amazon.awssdk.services.s3.model.ListMultipartUploadsRequest;
import software.amazon.awssdk.services.s3.model.ListMultipartUploadsResponse;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Request;
import software.amazon.awssdk.services.s3.model.MultipartUpload;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Object;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Backups in an S3 bucket (AWS or an S3-compatible store given by {@code endpoint}). Artifacts are uploaded
 * under their final key by {@link S3Uploads} (multipart from {@code part_size_mb} on), so a reader never sees
 * half an object. A failed multipart upload is aborted at once; one a crash left behind is invisible to
 * {@link #list} and is aborted by {@link #removeLeftovers}. {@link #open} and ranged reads stream the object (a
 * ResponseInputStream), never holding it in memory.
 */
final class S3Target extends ObjectStoreTarget {
    private static final Set<String> CREDENTIAL_ERRORS = Set.of("InvalidAccessKeyId", "SignatureDoesNotMatch",
            "AccessDenied", "InvalidToken", "ExpiredToken", "InvalidSecurity", "AuthorizationHeaderMalformed");

    private final S3Storage config;
    private S3Client client;

    /** Reads the configured key pair now (not the network), so a missing variable or file is a config error up front. */
    S3Target(S3Storage config, Throttle uploads) {
        this(config, null, uploads);
        credentials(config, System.getenv());
    }

    /** With a ready client (tests), without a bandwidth limit. */
    S3Target(S3Storage config, S3Client client) {
        this(config, client, Throttle.NONE);
    }

    /** @param client null builds one from the config at first use; a ready one in tests */
    S3Target(S3Storage config, S3Client client, Throttle uploads) {
        super("s3", config.name(), config.bucket(), config.prefix(), SdkException.class, uploads);
        this.config = config;
        this.client = client;
    }

    @Override
    protected void uploadFile(String key, Path staged) throws IOException {
        new S3Uploads(client(), config, uploads).file(key, staged);
    }

    @Override
    protected void uploadBytes(String key, byte[] body) {
        new S3Uploads(client(), config, uploads).bytes(key, body);
    }

    @Override
    protected InputStream read(String key) {
        try {
            return client().getObject(GetObjectRequest.builder().bucket(config.bucket()).key(key).build());
        } catch (NoSuchKeyException e) {
            return null;
        }
    }

    @Override
    protected List<String> keysIn(String folder) {
        ListObjectsV2Request request = ListObjectsV2Request.builder().bucket(config.bucket())
                .prefix(folder).delimiter("/").build();
        List<String> keys = new ArrayList<>();
        for (S3Object o : client().listObjectsV2Paginator(request).contents()) {
            keys.add(o.key());
        }
        return keys;
    }

    @Override
    protected List<StoredObject> objectsUnder(String prefix) {
        ListObjectsV2Request request = ListObjectsV2Request.builder().bucket(config.bucket()).prefix(prefix).build();
        List<StoredObject> objects = new ArrayList<>();
        for (S3Object o : client().listObjectsV2Paginator(request).contents()) {
            objects.add(new StoredObject(o.key(), o.size()));
        }
        return objects;
    }

    @Override
    protected InputStream readRange(String key, long offset, long length) {
        try {
            return client().getObject(GetObjectRequest.builder().bucket(config.bucket()).key(key)
                    .range("bytes=" + offset + "-" + (offset + length - 1)).build());
        } catch (NoSuchKeyException e) {
            return null;
        } catch (AwsServiceException e) {
            if (e.statusCode() == 416) {
                return InputStream.nullInputStream(); // the object ends at or before offset
            }
            throw e;
        }
    }

    @Override
    protected long sizeOf(String key) {
        try {
            return client().headObject(HeadObjectRequest.builder().bucket(config.bucket()).key(key).build()).contentLength();
        } catch (NoSuchKeyException e) {
            return -1;
        } catch (AwsServiceException e) {
            if (e.statusCode() == 404 && !"NoSuchBucket".equals(errorCode(e))) {
                return -1; // HEAD answers have no body: a 404 is the key's, unless the bucket is gone (checked below)
            }
            throw e;
        }
    }

    @Override
    protected void remove(String key) {
        client().deleteObject(b -> b.bucket(config.bucket()).key(key));
    }

    /**
     * Aborts the unfinished multipart uploads a crash or a failed abort left behind: of an archive file directly
     * in the type's folder, or of a repository pack ({@code repository/data/<2 hex>/<64 hex>}); any other key stays.
     */
    private static final Duration PACK_UPLOAD_ABANDONED = Duration.ofDays(1);

    @Override
    public List<String> removeLeftovers(String type) throws IOException {
        List<String> removed = new ArrayList<>();
        String folder = keys.folder(type);
        try {
            String keyMarker = null;
            String uploadIdMarker = null;
            ListMultipartUploadsResponse page;
            do {
                page = client().listMultipartUploads(ListMultipartUploadsRequest.builder().bucket(config.bucket())
                        .prefix(folder).keyMarker(keyMarker).uploadIdMarker(uploadIdMarker).build());
                for (MultipartUpload u : page.uploads()) {
                    // Backroute names its uploads plainly: an archive's file in the type's folder, or a pack of its
                    // repository. Anything else (deeper, or with control characters that would forge log lines) was
                    // not started by a backup of this type and is left alone.
                    String name = leftoverName(type, folder, u.key());
                    // A pack's upload may be another writer's in progress (a prune, or another host's backup, neither
                    // under this host's type lock): only one started a day ago is abandoned.
                    if (name == null || name.startsWith(REPOSITORY_FOLDER + "/") && u.initiated() != null
                            && u.initiated().isAfter(Instant.now().minus(PACK_UPLOAD_ABANDONED))) {
                        continue;
                    }
                    client().abortMultipartUpload(AbortMultipartUploadRequest.builder().bucket(config.bucket())
                            .key(u.key()).uploadId(u.uploadId()).build());
                    removed.add(name);
                }
                keyMarker = page.nextKeyMarker();
                uploadIdMarker = page.nextUploadIdMarker();
            } while (Boolean.TRUE.equals(page.isTruncated()));
        } catch (SdkException e) {
            throw failure("cleanup of unfinished uploads under " + folder, e);
        }
        return removed;
    }

    /** The name of an unfinished upload of an archive file or a repository pack of {@code type}, or null. */
    private String leftoverName(String type, String folder, String key) {
        String name = keys.fileName(type, key);
        if (name != null) {
            return PlainNames.isPlain(name) ? name : null;
        }
        String packs = folder + REPOSITORY_FOLDER + "/";
        String object = key.startsWith(packs) ? key.substring(packs.length()) : null;
        return object != null && object.startsWith(BlobName.DATA) && BlobName.isValid(object) ? REPOSITORY_FOLDER + "/" + object : null;
    }

    private synchronized S3Client client() {
        if (client == null) {
            client = buildClient(config, System.getenv());
        }
        return client;
    }

    /** The SDK client for a config: short timeouts; with an endpoint, path style as configured and no chunked encoding. */
    static S3Client buildClient(S3Storage config, Map<String, String> env) {
        S3ClientBuilder b = S3Client.builder()
                .region(Region.of(config.region()))
                .credentialsProvider(credentials(config, env))
                .httpClientBuilder(ApacheHttpClient.builder()
                        .connectionTimeout(CloudFailures.CONNECT_TIMEOUT)
                        .socketTimeout(CloudFailures.IO_TIMEOUT))
                .overrideConfiguration(o -> o.retryStrategy(r -> r.maxAttempts(CloudFailures.ATTEMPTS)))
                .forcePathStyle(config.pathStyle());
        if (!config.endpoint().isEmpty()) {
            // S3-compatible stores and emulators corrupt aws-chunked uploads and often reject the newer
            // default checksums: send plain bodies and checksum only where S3 requires it.
            b.endpointOverride(URI.create(config.endpoint()))
                    .serviceConfiguration(S3Configuration.builder().chunkedEncodingEnabled(false).build())
                    .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                    .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED);
        }
        return b.build();
    }

    private static AwsCredentialsProvider credentials(S3Storage config, Map<String, String> env) {
        if (config.accessKeyId().isConfigured()) {
            return StaticCredentialsProvider.create(AwsBasicCredentials.create(
                    config.accessKeyId().resolve(env), config.secretAccessKey().resolve(env)));
        }
        return DefaultCredentialsProvider.builder().build();
    }

    private String where() {
        return config.endpoint().isEmpty() ? "AWS region " + config.region() : config.endpoint();
    }

    private String credentialAdvice() {
        String field = "storage." + name();
        return config.accessKeyId().isConfigured()
                ? "check " + field + ".access_key_id_env/_file and " + field + ".secret_access_key_env/_file"
                : "check the AWS default credential chain (AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY, AWS_PROFILE, instance role)"
                        + " or set " + field + ".access_key_id_env and secret_access_key_env";
    }

    @Override
    protected IOException translate(String action, Exception e) {
        String bucket = config.bucket();
        if (e instanceof AwsServiceException ase) {
            String code = errorCode(ase);
            if ("NoSuchBucket".equals(code) || (ase.statusCode() == 404 && action.startsWith("listing"))) {
                return new StorageTargetException(StorageTargetException.Reason.MISSING_BUCKET,
                        "S3 bucket '" + bucket + "' does not exist at " + where() + ": create it or fix storage." + name()
                                + ".bucket", e);
            }
            if (CREDENTIAL_ERRORS.contains(code) || ase.statusCode() == 403) {
                return new StorageTargetException(StorageTargetException.Reason.CREDENTIALS,
                        "S3 at " + where() + " refused the credentials for bucket '" + bucket + "' ("
                                + (code == null ? "HTTP " + ase.statusCode() : code) + "): " + credentialAdvice(), e);
            }
            return new StorageTargetException(StorageTargetException.Reason.OTHER, "S3 " + action + " in bucket '" + bucket
                    + "' at " + where() + " failed: " + (code == null ? "HTTP " + ase.statusCode() : code) + " "
                    + CloudFailures.firstLine(ase.awsErrorDetails() == null ? "" : ase.awsErrorDetails().errorMessage()), e);
        }
        Throwable net = CloudFailures.networkCause(e);
        if (net != null) {
            return unreachable("S3 at " + where(), net, "check storage." + name() + ".endpoint and the network", e);
        }
        if (e instanceof SdkClientException && String.valueOf(e.getMessage()).contains("credentials")) {
            return new StorageTargetException(StorageTargetException.Reason.CREDENTIALS,
                    "no AWS credentials found for storage target '" + name() + "': " + credentialAdvice(), e);
        }
        return new StorageTargetException(StorageTargetException.Reason.OTHER, "S3 " + action + " in bucket '" + bucket
                + "' at " + where() + " failed: " + CloudFailures.firstLine(e.getMessage()), e);
    }

    private static String errorCode(AwsServiceException e) {
        return e.awsErrorDetails() == null ? null : e.awsErrorDetails().errorCode();
    }
}
