package dev.backroute.storage;

import dev.backroute.pipeline.Throttle;
import dev.backroute.repository.BlobStore;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.List;

/**
 * Holds a target's downloads to its {@code limit_download_kib}: every stream it opens, of an archive file or of a
 * repository object (whole or a range), is read through the target's one download {@link Throttle}, which all
 * threads reading from the target share. (Uploads are throttled by the target itself: see {@link TargetKind#open}.)
 */
final class ThrottledTarget implements StorageTarget {
    private final StorageTarget target;
    private final Throttle downloads;

    ThrottledTarget(StorageTarget target, Throttle downloads) {
        this.target = target;
        this.downloads = downloads;
    }

    @Override
    public String name() { return target.name(); }

    @Override
    public String uri(String type, String fileName) { return target.uri(type, fileName); }

    @Override
    public void putArtifact(String type, String fileName, Path staged) throws IOException {
        target.putArtifact(type, fileName, staged);
    }

    @Override
    public void putManifest(String type, String fileName, byte[] json) throws IOException {
        target.putManifest(type, fileName, json);
    }

    @Override
    public InputStream open(String type, String fileName) throws IOException {
        return downloads.limit(target.open(type, fileName));
    }

    @Override
    public List<String> list(String type) throws IOException { return target.list(type); }

    @Override
    public long size(String type, String fileName) throws IOException { return target.size(type, fileName); }

    @Override
    public void delete(String type, String fileName) throws IOException { target.delete(type, fileName); }

    @Override
    public List<String> removeLeftovers(String type) throws IOException { return target.removeLeftovers(type); }

    @Override
    public BlobStore repository(String type) {
        return new Repository(target.repository(type));
    }

    private final class Repository implements BlobStore {
        private final BlobStore store;

        Repository(BlobStore store) {
            this.store = store;
        }

        @Override
        public void put(String name, Path file) throws IOException { store.put(name, file); }

        @Override
        public void putAndDelete(String name, Path file) throws IOException { store.putAndDelete(name, file); }

        @Override
        public void put(String name, byte[] bytes) throws IOException { store.put(name, bytes); }

        @Override
        public InputStream get(String name) throws IOException {
            return downloads.limit(store.get(name));
        }

        @Override
        public InputStream get(String name, long offset, long length) throws IOException {
            return downloads.limit(store.get(name, offset, length));
        }

        @Override
        public long size(String name) throws IOException { return store.size(name); }

        @Override
        public List<Blob> list(String prefix) throws IOException { return store.list(prefix); }

        @Override
        public boolean exists(String name) throws IOException { return store.exists(name); }

        @Override
        public void delete(String name) throws IOException { store.delete(name); }
    }
}
