package dev.backroute.repository;

import java.util.List;

/**
 * A committed backup, read back only after its bytes matched its name and its seal opened. {@code tree} is the
 * chunk list of its tree (see {@link TreeWriter}); a {@link Kind#STREAM} snapshot's tree has exactly one file,
 * the stream. {@code added} is what this backup stored that the repository did not have.
 */
public record Snapshot(String name, SnapshotInfo info, StoredStream tree, long entries, long totalBytes, Added added) {

    public enum Kind { FILES, STREAM }

    /** New chunks, their original bytes, the bytes they take sealed in packs, and the packs written. */
    public record Added(long chunks, long bytes, long storedBytes, long packs) {}

    /** The object name, {@code snapshots/<sha256>}. */
    public String objectName() {
        return BlobName.snapshot(name);
    }
}
