package dev.backroute.storage;

import org.apache.camel.Endpoint;
import org.apache.camel.Producer;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * What the cloud targets (S3, GCS, Azure) share: keys {@code <prefix>/<type>/<file>} below a bucket or
 * container, URIs {@code <scheme>://<bucket>/<key>}, uploads sent through the target's own Camel producer
 * (built at the first upload, see {@link StorageCamel}), reads, listing, sizes and deletes made with the SDK
 * client directly, and every SDK failure turned into one clear line by {@link #failure}. A subclass supplies
 * only what its SDK and Camel component need: the endpoint, the upload headers, the SDK calls and the
 * translation of its failures.
 */
abstract class ObjectStoreTarget implements StorageTarget {
    private final String scheme;
    private final String name;
    private final String container;
    private final Class<? extends RuntimeException> sdkErrors;
    final ObjectKeys keys;
    private Producer producer;

    /**
     * @param sdkErrors the unchecked exceptions of the SDK that {@link #failure} translates; any other
     *                  RuntimeException (a bug) propagates as it is
     */
    ObjectStoreTarget(String scheme, String name, String container, String prefix,
            Class<? extends RuntimeException> sdkErrors) {
        this.scheme = scheme;
        this.name = name;
        this.container = container;
        this.sdkErrors = sdkErrors;
        this.keys = new ObjectKeys(prefix);
    }

    @Override
    public final String name() { return name; }

    @Override
    public final String uri(String type, String fileName) {
        return scheme + "://" + container + "/" + keys.key(type, fileName);
    }

    @Override
    public void putArtifact(String type, String fileName, Path staged) throws IOException {
        upload(keys.key(type, fileName), staged.toFile(), Files.size(staged));
    }

    @Override
    public void putManifest(String type, String fileName, byte[] json) throws IOException {
        upload(keys.key(type, fileName), json, json.length);
    }

    @Override
    public final InputStream open(String type, String fileName) throws IOException {
        String key = keys.key(type, fileName);
        InputStream in = sdk("download of " + key, () -> read(key));
        if (in == null) {
            throw new NoSuchFileException(uri(type, fileName), null, "not found in storage target '" + name() + "'");
        }
        return in;
    }

    @Override
    public final List<String> list(String type) throws IOException {
        String folder = keys.folder(type);
        List<String> names = new ArrayList<>();
        for (String key : sdk("listing of " + folder, () -> keysIn(folder))) {
            String n = keys.fileName(type, key);
            if (n != null) {
                names.add(n);
            }
        }
        return names;
    }

    @Override
    public final long size(String type, String fileName) throws IOException {
        String key = keys.key(type, fileName);
        return sdk("size of " + key, () -> sizeOf(key));
    }

    @Override
    public final void delete(String type, String fileName) throws IOException {
        String key = keys.key(type, fileName);
        sdk("delete of " + key, () -> {
            remove(key);
            return null;
        });
    }

    /** Uploads {@code body} ({@code length} bytes) under {@code key} with the target's usual headers. */
    final void upload(String key, Object body, long length) throws IOException {
        send(key, body, headers(key, length));
    }

    /** Sends one upload through the producer; any failure comes back translated by {@link #failure}. */
    final void send(String key, Object body, Map<String, Object> headers) throws IOException {
        try {
            StorageCamel.send(producer(), exchange -> {
                exchange.getIn().setBody(body);
                headers.forEach(exchange.getIn()::setHeader);
            });
        } catch (Exception e) {
            throw failure("upload of " + key, e);
        }
    }

    private synchronized Producer producer() throws Exception {
        if (producer == null) {
            producer = StorageCamel.producer(endpoint());
        }
        return producer;
    }

    /** One clear line for an SDK or component failure; never the credentials themselves. */
    final IOException failure(String action, Exception e) {
        if (e instanceof IOException io && CloudFailures.networkCause(io) == null) {
            return io; // e.g. the staged file vanished: already a clear local error
        }
        return translate(action, e);
    }

    /** The UNREACHABLE failure for a network failure {@code net}: "cannot reach {@code service} … ; {@code advice}". */
    final StorageTargetException unreachable(String service, Throwable net, String advice, Exception e) {
        return new StorageTargetException(StorageTargetException.Reason.UNREACHABLE, "cannot reach " + service
                + " for storage target '" + name() + "': " + CloudFailures.describe(net) + "; " + advice, e);
    }

    private <T> T sdk(String action, SdkCall<T> call) throws IOException {
        try {
            return call.call();
        } catch (RuntimeException e) {
            if (sdkErrors.isInstance(e)) {
                throw failure(action, e);
            }
            throw e;
        }
    }

    private interface SdkCall<T> {
        T call() throws IOException;
    }

    /** The component endpoint around the target's SDK client; called once, at the first upload. */
    abstract Endpoint endpoint() throws Exception;

    /** The headers of an upload of {@code length} bytes under {@code key}. */
    abstract Map<String, Object> headers(String key, long length);

    /** Opens the object for streaming, or null when it does not exist. */
    abstract InputStream read(String key) throws IOException;

    /** The keys of the objects directly in {@code folder} (not of "subfolders"), in listing order. */
    abstract List<String> keysIn(String folder) throws IOException;

    /** The object's size in bytes, or -1 when it does not exist. */
    abstract long sizeOf(String key) throws IOException;

    abstract void remove(String key) throws IOException;

    /** {@link #failure} for what is not a local I/O error: the SDK's or component's exception as one clear line. */
    abstract IOException translate(String action, Exception e);
}
