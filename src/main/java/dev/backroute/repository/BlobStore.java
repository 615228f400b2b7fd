package dev.backroute.repository;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Where a repository keeps its objects: a flat namespace of immutable, whole objects. Every name is a
 * {@link BlobName}; objects are written once and never changed (a changed key file is a new object).
 * The store is untrusted: everything read from it is verified by the layers above, and a listing
 * yields only well-formed names. A missing object is reported as {@link java.nio.file.NoSuchFileException}.
 */
public interface BlobStore {

    /** One object of a listing: its name and size in bytes. */
    record Blob(String name, long size) {}

    /** Stores {@code file}'s bytes under {@code name}, all or nothing. */
    void put(String name, Path file) throws IOException;

    /**
     * Stores {@code file} under {@code name} and deletes it: a spooled pack. A store on the same file system
     * moves it instead of copying it.
     */
    default void putAndDelete(String name, Path file) throws IOException {
        try {
            put(name, file);
        } finally {
            Files.deleteIfExists(file);
        }
    }

    /** Stores {@code bytes} under {@code name}, all or nothing. */
    void put(String name, byte[] bytes) throws IOException;

    InputStream get(String name) throws IOException;

    /** The {@code length} bytes from {@code offset}; fewer only when the object is shorter. */
    InputStream get(String name, long offset, long length) throws IOException;

    long size(String name) throws IOException;

    /** The objects whose names start with {@code prefix} (one of {@link BlobName}'s folders), any order. */
    List<Blob> list(String prefix) throws IOException;

    boolean exists(String name) throws IOException;

    /** Removes {@code name}; no error when it is already gone. */
    void delete(String name) throws IOException;
}
