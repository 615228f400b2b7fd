package dev.backroute.storage.gcs;

import com.google.api.gax.retrying.RetrySettings;
import com.google.auth.oauth2.GoogleCredentials;
import com.google.cloud.BaseServiceException;
import com.google.cloud.ReadChannel;
import com.google.cloud.http.HttpTransportOptions;
import com.google.cloud.storage.Blob;
import com.google.cloud.storage.BlobId;
import com.google.cloud.storage.BlobInfo;
import com.google.cloud.storage.Storage;
import com.google.cloud.storage.StorageOptions;
import dev.backroute.config.ConfigException;
import dev.backroute.pipeline.Throttle;
import dev.backroute.storage.CloudFailures;
import dev.backroute.storage.ObjectStoreTarget;
import dev.backroute.storage.StorageTargetException;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.Channels;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Backups in a Google Cloud Storage bucket. Artifacts are streamed from the staged file as a resumable upload,
 * and GCS makes an object visible only once the upload is finished, so an interrupted upload leaves nothing
 * (an unfinished resumable session expires after a week and is never listed). {@link #open} and ranged reads
 * stream through the client's ReadChannel (seek and limit).
 */
final class GcsTarget extends ObjectStoreTarget {
    /** A resumable upload's chunks are multiples of this; the client's own default chunk is 15 MiB. */
    private static final int CHUNK_UNIT = 256 * 1024;
    private static final int DEFAULT_CHUNK = 15 * 1024 * 1024;

    private final GcsStorage config;
    private Storage storage;

    /** Checks now that a configured credentials file is readable, so a wrong path is a config error up front. */
    GcsTarget(GcsStorage config, Throttle uploads) {
        this(config, null, uploads);
        Path file = config.credentialsFile();
        if (file != null && !Files.isReadable(file)) {
            String field = "storage." + config.name() + ".credentials_file";
            throw new ConfigException(field, field + ": file " + file + (Files.exists(file) ? " is not readable" : " not found")
                    + "; give the path of a service-account key file, or remove the key to use the default credentials");
        }
    }

    /** With a ready client (tests: LocalStorageHelper), without a bandwidth limit. */
    GcsTarget(GcsStorage config, Storage storage) {
        this(config, storage, Throttle.NONE);
    }

    /** @param storage null builds one from the config at first use; a ready one in tests */
    GcsTarget(GcsStorage config, Storage storage, Throttle uploads) {
        super("gs", config.name(), config.bucket(), config.prefix(), BaseServiceException.class, uploads);
        this.config = config;
        this.storage = storage;
    }

    @Override
    protected void uploadFile(String key, Path staged) throws IOException {
        BlobInfo info = BlobInfo.newBuilder(config.bucket(), key).build();
        if (!uploads.isLimited()) {
            storage().createFrom(info, staged);
            return;
        }
        // The client would read the file itself; a limited upload hands it the file through the throttle instead.
        try (InputStream in = uploads.limit(Files.newInputStream(staged))) {
            storage().createFrom(info, in, limitedChunk());
        }
    }

    @Override
    protected void uploadBytes(String key, byte[] body) throws IOException {
        BlobInfo info = BlobInfo.newBuilder(config.bucket(), key).build();
        if (!uploads.isLimited()) {
            storage().create(info, body);
            return;
        }
        storage().createFrom(info, uploads.limit(new ByteArrayInputStream(body)), limitedChunk());
    }

    /**
     * The client fills a chunk from the stream, then sends it at once: under a limit, chunks of about one second of
     * it (at least the 256 KiB GCS allows) keep those bursts as small as the limit's own.
     */
    private int limitedChunk() {
        return Math.max(CHUNK_UNIT, Math.min(DEFAULT_CHUNK, uploads.burst()) / CHUNK_UNIT * CHUNK_UNIT);
    }

    @Override
    protected InputStream read(String key) throws IOException {
        return readRange(key, 0, Long.MAX_VALUE);
    }

    @Override
    protected InputStream readRange(String key, long offset, long length) throws IOException {
        Blob blob = storage().get(BlobId.of(config.bucket(), key));
        if (blob == null) {
            return null;
        }
        long size = blob.getSize();
        if (offset >= size) {
            return InputStream.nullInputStream();
        }
        // Pinned to the generation found, so a concurrent overwrite cannot splice two versions.
        ReadChannel reader = storage().reader(BlobId.of(config.bucket(), key, blob.getGeneration()));
        reader.seek(offset);
        reader.limit(offset + Math.min(length, size - offset));
        return Channels.newInputStream(reader);
    }

    @Override
    protected List<String> keysIn(String folder) throws IOException {
        List<String> keys = new ArrayList<>();
        for (Blob b : storage().list(config.bucket(), Storage.BlobListOption.prefix(folder),
                Storage.BlobListOption.currentDirectory()).iterateAll()) {
            if (!b.isDirectory()) {
                keys.add(b.getName());
            }
        }
        return keys;
    }

    @Override
    protected List<StoredObject> objectsUnder(String prefix) throws IOException {
        List<StoredObject> objects = new ArrayList<>();
        for (Blob b : storage().list(config.bucket(), Storage.BlobListOption.prefix(prefix)).iterateAll()) {
            objects.add(new StoredObject(b.getName(), b.getSize()));
        }
        return objects;
    }

    @Override
    protected long sizeOf(String key) throws IOException {
        Blob blob = storage().get(BlobId.of(config.bucket(), key));
        return blob == null ? -1 : blob.getSize();
    }

    @Override
    protected void remove(String key) throws IOException {
        storage().delete(BlobId.of(config.bucket(), key));
    }

    /**
     * Nothing to do: an unfinished resumable upload is not an object (never listed, never readable) and GCS
     * drops its session after a week; the client library gives no way to list such sessions.
     */
    @Override
    public List<String> removeLeftovers(String type) {
        return List.of();
    }

    private synchronized Storage storage() throws IOException {
        if (storage == null) {
            StorageOptions.Builder b = StorageOptions.http()
                    .setTransportOptions(HttpTransportOptions.newBuilder()
                            .setConnectTimeout((int) CloudFailures.CONNECT_TIMEOUT.toMillis())
                            .setReadTimeout((int) CloudFailures.IO_TIMEOUT.toMillis())
                            .build())
                    .setRetrySettings(RetrySettings.newBuilder()
                            .setMaxAttempts(CloudFailures.ATTEMPTS)
                            .setInitialRetryDelayDuration(java.time.Duration.ofMillis(500))
                            .setMaxRetryDelayDuration(java.time.Duration.ofSeconds(4))
                            .setRetryDelayMultiplier(2.0)
                            .setTotalTimeoutDuration(java.time.Duration.ofMinutes(10))
                            .build());
            if (!config.projectId().isEmpty()) {
                b.setProjectId(config.projectId());
            }
            if (config.credentialsFile() != null) {
                try (InputStream in = Files.newInputStream(config.credentialsFile())) {
                    b.setCredentials(GoogleCredentials.fromStream(in));
                } catch (IOException e) {
                    throw new StorageTargetException(StorageTargetException.Reason.CREDENTIALS, "storage." + name()
                            + ".credentials_file: cannot read a service-account key from " + config.credentialsFile()
                            + ": " + CloudFailures.firstLine(e.getMessage()), e);
                }
            }
            try {
                storage = b.build().getService();
            } catch (RuntimeException e) {
                throw failure("connection", e);
            }
        }
        return storage;
    }

    private StorageTargetException missingBucket(Throwable cause) {
        return new StorageTargetException(StorageTargetException.Reason.MISSING_BUCKET, "GCS bucket '" + config.bucket()
                + "' does not exist: create it or fix storage." + name() + ".bucket", cause);
    }

    @Override
    protected IOException translate(String action, Exception e) {
        Throwable net = CloudFailures.networkCause(e);
        if (net != null) {
            return unreachable("Google Cloud Storage", net, "check the network", e);
        }
        String message = CloudFailures.firstLine(e.getMessage());
        if (e instanceof BaseServiceException se) {
            if (se.getCode() == 404 && message.toLowerCase(java.util.Locale.ROOT).contains("bucket")) {
                return missingBucket(e);
            }
            if (se.getCode() == 401 || se.getCode() == 403) {
                return new StorageTargetException(StorageTargetException.Reason.CREDENTIALS, "Google Cloud Storage refused"
                        + " the credentials for bucket '" + config.bucket() + "' (HTTP " + se.getCode() + "): check storage."
                        + name() + ".credentials_file or the default credentials (GOOGLE_APPLICATION_CREDENTIALS)", e);
            }
        }
        if (message.contains("credentials")) {
            return new StorageTargetException(StorageTargetException.Reason.CREDENTIALS, "no Google credentials found for"
                    + " storage target '" + name() + "': set storage." + name() + ".credentials_file or"
                    + " GOOGLE_APPLICATION_CREDENTIALS", e);
        }
        return new StorageTargetException(StorageTargetException.Reason.OTHER, "GCS " + action + " in bucket '"
                + config.bucket() + "' failed: " + message, e);
    }
}
