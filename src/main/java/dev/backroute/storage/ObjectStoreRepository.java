package dev.backroute.storage;

import dev.backroute.repository.BlobName;
import dev.backroute.repository.BlobStore;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A type's repository in a bucket or container: the object {@code <name>} is the key {@code <base><name>}, the
 * base being {@code <prefix>/<type>/repository/}. Uploads take the target's own paths (S3 multipart from the part
 * size on, Azure blocks, a GCS resumable upload), all streamed from the file and visible only once whole; reads
 * stream, whole or a byte range. The bucket is untrusted: a listed key is kept only when what follows the base is
 * a {@link BlobName}, so a stray or planted key never becomes a name that is read or deleted.
 */
final class ObjectStoreRepository implements BlobStore {
    private final ObjectStoreTarget target;
    private final String base;

    ObjectStoreRepository(ObjectStoreTarget target, String base) {
        this.target = target;
        this.base = base;
    }

    @Override
    public void put(String name, Path file) throws IOException {
        String key = key(name);
        target.upload(key, () -> target.uploadFile(key, file));
    }

    @Override
    public void put(String name, byte[] bytes) throws IOException {
        String key = key(name);
        target.upload(key, () -> target.uploadBytes(key, bytes));
    }

    @Override
    public InputStream get(String name) throws IOException {
        String key = key(name);
        return found(key, target.sdk("download of " + key, () -> target.read(key)));
    }

    @Override
    public InputStream get(String name, long offset, long length) throws IOException {
        String key = key(name);
        if (offset < 0 || length < 0) {
            throw new IllegalArgumentException("range of " + key + " must not be negative: offset " + offset + ", length " + length);
        }
        if (length == 0) {
            size(name); // a missing object is reported even for an empty range, as by the other stores
            return InputStream.nullInputStream();
        }
        long bounded = Math.min(length, Long.MAX_VALUE - offset);
        return found(key, target.sdk("ranged download of " + key, () -> target.readRange(key, offset, bounded)));
    }

    @Override
    public long size(String name) throws IOException {
        String key = key(name);
        long size = sizeOf(key);
        if (size < 0) {
            throw missing(key);
        }
        return size;
    }

    @Override
    public List<Blob> list(String prefix) throws IOException {
        String from = base + prefix;
        List<Blob> blobs = new ArrayList<>();
        for (ObjectStoreTarget.StoredObject o : target.sdk("listing of " + from, () -> target.objectsUnder(from))) {
            if (o.key().startsWith(from)) {
                String name = o.key().substring(base.length());
                if (BlobName.isValid(name)) {
                    blobs.add(new Blob(name, o.size()));
                }
            }
        }
        return blobs;
    }

    @Override
    public boolean exists(String name) throws IOException {
        return sizeOf(key(name)) >= 0;
    }

    @Override
    public void delete(String name) throws IOException {
        String key = key(name);
        target.sdk("delete of " + key, () -> {
            target.remove(key);
            return null;
        });
    }

    private long sizeOf(String key) throws IOException {
        return target.sdk("size of " + key, () -> target.sizeOf(key));
    }

    private String key(String name) {
        return base + BlobName.require(name);
    }

    private InputStream found(String key, InputStream in) throws NoSuchFileException {
        if (in == null) {
            throw missing(key);
        }
        return in;
    }

    private NoSuchFileException missing(String key) {
        return new NoSuchFileException(target.uri(key), null, "not found in storage target '" + target.name() + "'");
    }
}
