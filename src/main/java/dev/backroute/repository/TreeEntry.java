package dev.backroute.repository;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * One entry of a snapshot's tree: a regular file with its chunk list, a directory, or a symbolic link.
 * Paths are relative, '/'-separated, as the backup step found them; whether one is safe to create is the
 * restore's decision, not this record's.
 */
public record TreeEntry(Kind kind, String path, int mode, Instant modified, long size, String linkTarget, List<ChunkId> chunks) {

    public enum Kind { FILE, DIRECTORY, SYMLINK }

    public TreeEntry {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(modified, "modified");
        chunks = List.copyOf(chunks);
        if ((kind == Kind.SYMLINK) != (linkTarget != null)) {
            throw new IllegalArgumentException("only a symbolic link has a link target: " + path);
        }
        if (kind != Kind.FILE && !chunks.isEmpty()) {
            throw new IllegalArgumentException("only a file has chunks: " + path);
        }
    }

    public static TreeEntry file(String path, int mode, Instant modified, StoredStream content) {
        return new TreeEntry(Kind.FILE, path, mode, modified, content.size(), null, content.chunks());
    }

    public static TreeEntry directory(String path, int mode, Instant modified) {
        return new TreeEntry(Kind.DIRECTORY, path, mode, modified, 0, null, List.of());
    }

    public static TreeEntry symlink(String path, int mode, Instant modified, String target) {
        return new TreeEntry(Kind.SYMLINK, path, mode, modified, 0, target, List.of());
    }

    /** The file's content as stored, to hand back to {@link Backup#add} unchanged when the file did not change. */
    public StoredStream content() {
        return new StoredStream(chunks, size);
    }
}
