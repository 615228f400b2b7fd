package dev.backroute.storage.azure;

import com.azure.core.util.HttpClientOptions;
import com.azure.identity.DefaultAzureCredentialBuilder;
import com.azure.storage.blob.BlobClient;
import com.azure.storage.blob.BlobContainerClient;
import com.azure.storage.blob.BlobServiceClient;
import com.azure.storage.blob.BlobServiceClientBuilder;
import com.azure.storage.blob.models.BlobErrorCode;
import com.azure.storage.blob.models.BlobItem;
import com.azure.storage.blob.models.BlobRange;
import com.azure.storage.blob.models.BlobStorageException;
import com.azure.storage.blob.models.ListBlobsOptions;
import com.azure.storage.blob.options.BlobInputStreamOptions;
import com.azure.storage.blob.specialized.BlockBlobClient;
import com.azure.storage.common.policy.RequestRetryOptions;
import com.azure.storage.common.policy.RetryPolicyType;
import dev.backroute.config.ConfigException;
import dev.backroute.pipeline.Throttle;
import dev.backroute.storage.CloudFailures;
import dev.backroute.storage.FileSlices;
import dev.backroute.storage.ObjectStoreTarget;
import dev.backroute.storage.StorageTargetException;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;

/**
 * Backups in an Azure Blob Storage container. An artifact is staged as 8 MiB blocks (each a positional slice of
 * the file, so nothing is buffered whole) and the block list is committed at the end. A blob becomes visible
 * only when its block list is committed: an interrupted upload leaves uncommitted blocks, which are never
 * listed nor readable and which Azure discards after a week, so {@link #removeLeftovers} has nothing to do.
 * Reads stream, whole or a byte range ({@link BlobRange}).
 * (One Put Blob holds at most 5000 MiB, and the SDK marks a stream it may resend with Integer.MAX_VALUE,
 * which buffers a plain file stream whole: it is used only for manifests and empty artifacts.)
 */
final class AzureTarget extends ObjectStoreTarget {
    private static final long BLOCK_SIZE = 8L * 1024 * 1024;
    private static final int MAX_BLOCKS = 50_000;

    private final AzureStorage config;
    private final String connectionString;
    private BlobServiceClient service;

    /** Reads the configured connection string now (not the network), so a missing variable is a config error up front. */
    AzureTarget(AzureStorage config, Throttle uploads) {
        this(config, null, connectionString(config, System.getenv()), uploads);
    }

    /**
     * With a ready client (tests); null builds one at first use. Any RuntimeException of an SDK call is
     * translated, not only BlobStorageException: an unreachable endpoint, for one, is not a BlobStorageException.
     */
    AzureTarget(AzureStorage config, BlobServiceClient service, String connectionString) {
        this(config, service, connectionString, Throttle.NONE);
    }

    /** With an upload limit; {@code service} null builds one at first use, a ready one in tests. */
    AzureTarget(AzureStorage config, BlobServiceClient service, String connectionString, Throttle uploads) {
        super("azure", config.name(), config.container(), config.prefix(), RuntimeException.class, uploads);
        this.config = config;
        this.service = service;
        this.connectionString = connectionString;
    }

    @Override
    protected void uploadFile(String key, Path staged) throws IOException {
        BlockBlobClient blob = blob(key).getBlockBlobClient();
        try (FileChannel channel = FileChannel.open(staged, StandardOpenOption.READ)) {
            long size = channel.size();
            if (size == 0) {
                uploadBytes(key, new byte[0]);
                return;
            }
            long blockSize = Math.max(BLOCK_SIZE, (size + MAX_BLOCKS - 1) / MAX_BLOCKS);
            List<String> ids = new ArrayList<>();
            for (long start = 0; start < size; start += blockSize) {
                long length = Math.min(blockSize, size - start);
                String id = Base64.getEncoder().encodeToString(
                        String.format("block-%08d", ids.size()).getBytes(StandardCharsets.US_ASCII));
                blob.stageBlock(id, uploads.limit(FileSlices.slice(channel, start, length)), length);
                ids.add(id);
            }
            blob.commitBlockList(ids, true);
        }
    }

    /** Manifests (and empty artifacts): one Put Blob. */
    @Override
    protected void uploadBytes(String key, byte[] body) throws IOException {
        blob(key).getBlockBlobClient().upload(uploads.limit(new ByteArrayInputStream(body)), body.length, true);
    }

    @Override
    protected InputStream read(String key) throws IOException {
        try {
            return blob(key).openInputStream();
        } catch (BlobStorageException e) {
            if (BlobErrorCode.BLOB_NOT_FOUND.equals(e.getErrorCode())) {
                return null;
            }
            throw e;
        }
    }

    @Override
    protected List<String> keysIn(String folder) throws IOException {
        List<String> keys = new ArrayList<>();
        for (BlobItem item : container().listBlobsByHierarchy("/", new ListBlobsOptions().setPrefix(folder), null)) {
            if (!Boolean.TRUE.equals(item.isPrefix())) {
                keys.add(item.getName());
            }
        }
        return keys;
    }

    @Override
    protected List<StoredObject> objectsUnder(String prefix) throws IOException {
        List<StoredObject> objects = new ArrayList<>();
        for (BlobItem item : container().listBlobs(new ListBlobsOptions().setPrefix(prefix), null)) {
            objects.add(new StoredObject(item.getName(), item.getProperties().getContentLength()));
        }
        return objects;
    }

    /** Streams the range in the SDK's 4 MiB blocks; the first comes with the open, so a chunk costs one request. */
    @Override
    protected InputStream readRange(String key, long offset, long length) throws IOException {
        try {
            return blob(key).openInputStream(new BlobInputStreamOptions().setRange(new BlobRange(offset, length)));
        } catch (BlobStorageException e) {
            if (BlobErrorCode.BLOB_NOT_FOUND.equals(e.getErrorCode())) {
                return null;
            }
            if (e.getStatusCode() == 416) {
                return InputStream.nullInputStream(); // the blob ends at or before offset
            }
            throw e;
        }
    }

    @Override
    protected long sizeOf(String key) throws IOException {
        try {
            return blob(key).getProperties().getBlobSize();
        } catch (BlobStorageException e) {
            if (e.getStatusCode() == 404 && !BlobErrorCode.CONTAINER_NOT_FOUND.equals(e.getErrorCode())) {
                return -1;
            }
            throw e;
        }
    }

    @Override
    protected void remove(String key) throws IOException {
        blob(key).deleteIfExists();
    }

    /** Nothing to remove: uncommitted blocks are invisible and Azure deletes them after seven days. */
    @Override
    public List<String> removeLeftovers(String type) {
        return List.of();
    }

    private BlobClient blob(String key) throws IOException {
        return container().getBlobClient(key);
    }

    private BlobContainerClient container() throws IOException {
        return service().getBlobContainerClient(config.container());
    }

    private synchronized BlobServiceClient service() throws IOException {
        if (service == null) {
            BlobServiceClientBuilder b = new BlobServiceClientBuilder()
                    .clientOptions(new HttpClientOptions()
                            .setConnectTimeout(CloudFailures.CONNECT_TIMEOUT)
                            .setReadTimeout(CloudFailures.IO_TIMEOUT)
                            .setWriteTimeout(CloudFailures.IO_TIMEOUT)
                            .setResponseTimeout(CloudFailures.IO_TIMEOUT))
                    .retryOptions(new RequestRetryOptions(RetryPolicyType.EXPONENTIAL, CloudFailures.ATTEMPTS, (Integer) null,
                            500L, 4000L, null));
            try {
                if (connectionString != null) {
                    b.connectionString(connectionString);
                } else {
                    String account = System.getenv("AZURE_STORAGE_ACCOUNT");
                    b.endpoint("https://" + account + ".blob.core.windows.net").credential(new DefaultAzureCredentialBuilder().build());
                }
                service = b.buildClient();
            } catch (IllegalArgumentException e) {
                // The SDK's message may quote the connection string: never repeat it.
                String field = "storage." + name() + ".connection_string";
                throw new ConfigException(field, field + ": not a valid Azure Storage connection string"
                        + " (expected DefaultEndpointsProtocol=…;AccountName=…;AccountKey=…;…)");
            }
        }
        return service;
    }

    /**
     * The configured connection string; else the SDK conventions: AZURE_STORAGE_CONNECTION_STRING, or
     * AZURE_STORAGE_ACCOUNT with the default Azure credential chain (null is returned for that case).
     */
    static String connectionString(AzureStorage config, Map<String, String> env) {
        if (config.connectionString().isConfigured()) {
            return config.connectionString().resolve(env);
        }
        String fromEnv = env.get("AZURE_STORAGE_CONNECTION_STRING");
        if (fromEnv != null && !fromEnv.isEmpty()) {
            return fromEnv;
        }
        if (env.get("AZURE_STORAGE_ACCOUNT") == null || env.get("AZURE_STORAGE_ACCOUNT").isEmpty()) {
            String field = "storage." + config.name() + ".connection_string";
            throw new ConfigException(field, field + ": not configured and neither AZURE_STORAGE_CONNECTION_STRING nor"
                    + " AZURE_STORAGE_ACCOUNT is set; give connection_string_env (or _file), or set AZURE_STORAGE_ACCOUNT"
                    + " to use the default Azure credential chain");
        }
        return null;
    }

    private String where() {
        try {
            return service().getAccountUrl();
        } catch (IOException | RuntimeException e) {
            return "Azure Blob Storage";
        }
    }

    @Override
    protected IOException translate(String action, Exception e) {
        Throwable net = CloudFailures.networkCause(e);
        if (net != null) {
            return unreachable("Azure Blob Storage at " + where(), net, "check the connection string's BlobEndpoint and the network", e);
        }
        BlobStorageException bse = find(e, BlobStorageException.class);
        if (bse != null) {
            BlobErrorCode code = bse.getErrorCode();
            if (BlobErrorCode.CONTAINER_NOT_FOUND.equals(code)) {
                return new StorageTargetException(StorageTargetException.Reason.MISSING_BUCKET, "Azure container '"
                        + config.container() + "' does not exist at " + where() + ": create it or fix storage." + name()
                        + ".container", e);
            }
            if (bse.getStatusCode() == 403 || bse.getStatusCode() == 401) {
                return new StorageTargetException(StorageTargetException.Reason.CREDENTIALS, "Azure Blob Storage at " + where()
                        + " refused the credentials for container '" + config.container() + "' ("
                        + (code == null ? "HTTP " + bse.getStatusCode() : code) + "): check storage." + name()
                        + ".connection_string_env (or _file)", e);
            }
            return new StorageTargetException(StorageTargetException.Reason.OTHER, "Azure " + action + " in container '"
                    + config.container() + "' failed: " + (code == null ? "HTTP " + bse.getStatusCode() : code), e);
        }
        return new StorageTargetException(StorageTargetException.Reason.OTHER, "Azure " + action + " in container '"
                + config.container() + "' failed: " + CloudFailures.firstLine(e.getMessage()), e);
    }

    private static <T extends Throwable> T find(Throwable e, Class<T> type) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (type.isInstance(t)) {
                return type.cast(t);
            }
        }
        return null;
    }
}
