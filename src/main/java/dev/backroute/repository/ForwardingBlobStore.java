package dev.backroute.repository;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.List;

/**
 * A store that hands every call to another, for a wrapper that changes a few (a target's download limit; tests that
 * watch calls or make them fail). {@code putAndDelete} stays the interface's default, through {@code put}, so a
 * wrapper that overrides {@code put} sees every upload; one that must keep the delegate's move overrides it too.
 */
public abstract class ForwardingBlobStore implements BlobStore {
    protected final BlobStore delegate;

    protected ForwardingBlobStore(BlobStore delegate) {
        this.delegate = delegate;
    }

    @Override
    public void put(String name, Path file) throws IOException {
        delegate.put(name, file);
    }

    @Override
    public void put(String name, byte[] bytes) throws IOException {
        delegate.put(name, bytes);
    }

    @Override
    public InputStream get(String name) throws IOException {
        return delegate.get(name);
    }

    @Override
    public InputStream get(String name, long offset, long length) throws IOException {
        return delegate.get(name, offset, length);
    }

    @Override
    public long size(String name) throws IOException {
        return delegate.size(name);
    }

    @Override
    public List<Blob> list(String prefix) throws IOException {
        return delegate.list(prefix);
    }

    @Override
    public boolean exists(String name) throws IOException {
        return delegate.exists(name);
    }

    @Override
    public void delete(String name) throws IOException {
        delegate.delete(name);
    }
}
