package dev.backroute.repository;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentSkipListMap;

/** A {@link BlobStore} in the heap, for tests and for staging small repositories. */
public final class MemoryBlobStore implements BlobStore {
    private final Map<String, byte[]> objects = new ConcurrentSkipListMap<>();

    @Override
    public void put(String name, Path file) throws IOException {
        put(name, Files.readAllBytes(file));
    }

    @Override
    public void put(String name, byte[] bytes) {
        objects.put(BlobName.require(name), bytes.clone());
    }

    @Override
    public InputStream get(String name) throws IOException {
        return new ByteArrayInputStream(bytes(name));
    }

    @Override
    public InputStream get(String name, long offset, long length) throws IOException {
        byte[] bytes = bytes(name);
        int from = (int) Math.min(bytes.length, Math.max(0, offset));
        int to = (int) Math.min(bytes.length, from + Math.max(0, length));
        return new ByteArrayInputStream(bytes, from, to - from);
    }

    @Override
    public long size(String name) throws IOException {
        return bytes(name).length;
    }

    @Override
    public List<Blob> list(String prefix) {
        List<Blob> out = new ArrayList<>();
        objects.forEach((name, bytes) -> {
            if (name.startsWith(prefix)) {
                out.add(new Blob(name, bytes.length));
            }
        });
        return out;
    }

    @Override
    public boolean exists(String name) {
        return objects.containsKey(BlobName.require(name));
    }

    @Override
    public void delete(String name) {
        objects.remove(BlobName.require(name));
    }

    private byte[] bytes(String name) throws NoSuchFileException {
        byte[] bytes = objects.get(BlobName.require(name));
        if (bytes == null) {
            throw new NoSuchFileException(name);
        }
        return bytes;
    }
}
