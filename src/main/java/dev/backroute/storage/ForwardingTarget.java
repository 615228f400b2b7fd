package dev.backroute.storage;

import dev.backroute.repository.BlobStore;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.List;

/** A target that hands every call to another: the decorators {@link StorageTargets} wraps targets in override a few. */
abstract class ForwardingTarget implements StorageTarget {
    protected final StorageTarget target;

    ForwardingTarget(StorageTarget target) {
        this.target = target;
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
    public InputStream open(String type, String fileName) throws IOException { return target.open(type, fileName); }

    @Override
    public List<String> list(String type) throws IOException { return target.list(type); }

    @Override
    public long size(String type, String fileName) throws IOException { return target.size(type, fileName); }

    @Override
    public void delete(String type, String fileName) throws IOException { target.delete(type, fileName); }

    @Override
    public List<String> removeLeftovers(String type) throws IOException { return target.removeLeftovers(type); }

    @Override
    public BlobStore repository(String type) { return target.repository(type); }
}
