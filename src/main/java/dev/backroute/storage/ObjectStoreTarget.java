package dev.backroute.storage;

import dev.backroute.pipeline.Throttle;
import dev.backroute.repository.BlobStore;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * What the cloud targets (S3, GCS, Azure) share: keys {@code <prefix>/<type>/<file>} below a bucket or
 * container, a type's repository under {@code <prefix>/<type>/repository/} ({@link ObjectStoreRepository}),
 * URIs {@code <scheme>://<bucket>/<key>}, and every SDK failure turned into one clear line by
 * {@link #failure}. A subclass supplies only the SDK calls and the translation of its SDK's failures.
 */
public abstract class ObjectStoreTarget implements StorageTarget {
    private final String scheme;
    private final String name;
    private final String container;
    private final Class<? extends RuntimeException> sdkErrors;
    protected final ObjectKeys keys;
    /** What a subclass's uploads read the staged bytes through as they send them (the target's bandwidth limit). */
    protected final Throttle uploads;

    /**
     * @param sdkErrors the unchecked exceptions of the SDK that {@link #failure} translates; any other
     *                  RuntimeException (a bug) propagates as it is, except from an upload
     */
    protected ObjectStoreTarget(String scheme, String name, String container, String prefix,
            Class<? extends RuntimeException> sdkErrors, Throttle uploads) {
        this.scheme = scheme;
        this.name = name;
        this.container = container;
        this.sdkErrors = sdkErrors;
        this.keys = new ObjectKeys(prefix);
        this.uploads = uploads;
    }

    @Override
    public final String name() { return name; }

    @Override
    public final String uri(String type, String fileName) {
        return uri(keys.key(type, fileName));
    }

    final String uri(String key) {
        return scheme + "://" + container + "/" + key;
    }

    @Override
    public final void putArtifact(String type, String fileName, Path staged) throws IOException {
        String key = keys.key(type, fileName);
        upload(key, () -> uploadFile(key, staged));
    }

    @Override
    public final void putManifest(String type, String fileName, byte[] json) throws IOException {
        String key = keys.key(type, fileName);
        upload(key, () -> uploadBytes(key, json));
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

    /**
     * Keys deeper than a type's folder (the repository's) are not file names of the type, so {@link #list}
     * never returns them ({@link ObjectKeys#fileName} is null for them); a subclass's {@link #removeLeftovers}
     * judges them by the repository's own names.
     */
    @Override
    public final BlobStore repository(String type) {
        return new ObjectStoreRepository(this, keys.key(type, REPOSITORY_FOLDER) + "/");
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

    /** One clear line for an SDK failure; never the credentials themselves. */
    protected final IOException failure(String action, Exception e) {
        if (e instanceof IOException io && CloudFailures.networkCause(io) == null) {
            return io; // e.g. the staged file vanished: already a clear local error
        }
        return translate(action, e);
    }

    /** The UNREACHABLE failure for a network failure {@code net}: "cannot reach {@code service} … ; {@code advice}". */
    protected final StorageTargetException unreachable(String service, Throwable net, String advice, Exception e) {
        return new StorageTargetException(StorageTargetException.Reason.UNREACHABLE, "cannot reach " + service
                + " for storage target '" + name() + "': " + CloudFailures.describe(net) + "; " + advice, e);
    }

    /** Any failure of an upload, the SDK's or not, is translated: the upload is the target's whole job there. */
    final void upload(String key, Upload upload) throws IOException {
        try {
            upload.run();
        } catch (IOException | RuntimeException e) {
            throw failure("upload of " + key, e);
        }
    }

    final <T> T sdk(String action, SdkCall<T> call) throws IOException {
        try {
            return call.call();
        } catch (RuntimeException e) {
            if (sdkErrors.isInstance(e)) {
                throw failure(action, e);
            }
            throw e;
        }
    }

    interface Upload {
        void run() throws IOException;
    }

    interface SdkCall<T> {
        T call() throws IOException;
    }

    /**
     * Stores the staged file under {@code key}, streaming it (never whole in memory), so that a reader sees
     * the whole object under {@code key} or none at all.
     */
    protected abstract void uploadFile(String key, Path staged) throws IOException;

    /** Stores (or replaces) a small object, such as a manifest, under {@code key}. */
    protected abstract void uploadBytes(String key, byte[] body) throws IOException;

    /** Opens the object for streaming, or null when it does not exist. */
    protected abstract InputStream read(String key) throws IOException;

    /** The keys of the objects directly in {@code folder} (not of "subfolders"), in listing order. */
    protected abstract List<String> keysIn(String folder) throws IOException;

    /** An object of a listing: its whole key and its size in bytes. */
    public record StoredObject(String key, long size) {}

    /** Every object whose key starts with {@code prefix}, at any depth, with its size; any order. */
    protected abstract List<StoredObject> objectsUnder(String prefix) throws IOException;

    /**
     * Streams {@code length} (at least 1) bytes of the object from {@code offset}, fewer when it ends before;
     * an empty stream when it ends at or before {@code offset}; null when it does not exist.
     */
    protected abstract InputStream readRange(String key, long offset, long length) throws IOException;

    /** The object's size in bytes, or -1 when it does not exist. */
    protected abstract long sizeOf(String key) throws IOException;

    protected abstract void remove(String key) throws IOException;

    /** {@link #failure} for what is not a local I/O error: the SDK's exception as one clear line. */
    protected abstract IOException translate(String action, Exception e);
}
