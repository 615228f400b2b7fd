package dev.backroute.storage;

import dev.backroute.repository.BlobStore;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.List;

/**
 * Where backups are kept. Every target uses the same layout below its own root or prefix:
 * {@code <type>/<file name>} for archives, and {@code <type>/repository/<object name>} for the type's
 * deduplicating repository ({@link #repository}), which the archive calls ({@link #list},
 * {@link #removeLeftovers}) never see. Implementations must make {@link #putArtifact} and {@link #putManifest}
 * all-or-nothing: a reader never sees a partly written object under its final name.
 */
public interface StorageTarget {

    /** The target's name in backup_config.json's {@code storage} block. */
    String name();

    /** Where {@code fileName} of {@code type} lives, as a URI an operator can use ({@code file:///…}, {@code s3://…}). */
    String uri(String type, String fileName);

    /** Stores a staged artifact under its final name, streaming from the file. */
    void putArtifact(String type, String fileName, Path staged) throws IOException;

    /** Stores (or replaces) a manifest; called after the artifact, as the commit point. */
    void putManifest(String type, String fileName, byte[] json) throws IOException;

    /** Opens a stored object for streaming; the caller closes it. */
    InputStream open(String type, String fileName) throws IOException;

    /** The file names present in a type's folder, in no particular order; empty when it does not exist. */
    List<String> list(String type) throws IOException;

    /** Size in bytes of a stored object, or -1 when it does not exist. */
    long size(String type, String fileName) throws IOException;

    void delete(String type, String fileName) throws IOException;

    /**
     * Removes what an interrupted write left behind (temporary names, unfinished uploads). Only called
     * while the type's lock is held, so nothing it removes can belong to a running backup.
     */
    List<String> removeLeftovers(String type) throws IOException;

    /**
     * The type's repository on this target (docs/repository.md): its objects live under
     * {@code <type>/}{@value #REPOSITORY_FOLDER}{@code /}, sharing this target's client. Contacts nothing.
     */
    BlobStore repository(String type);

    /** The folder of a type that holds its repository, beside its archive files. */
    String REPOSITORY_FOLDER = "repository";
}
