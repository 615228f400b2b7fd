package dev.backroute.repository;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * One entry of a snapshot's tree: a regular file with its chunk list, a directory, or a symbolic link.
 * Paths are relative, '/'-separated, as the backup step found them; whether one is safe to create is the
 * restore's decision, not this record's. A file of a files backup also carries the SHA-256 of its content
 * (null for a stream), which the restore checks and which the manifest's digest of the tree covers.
 */
public record TreeEntry(Kind kind, String path, Attributes attributes, long size, String linkTarget, List<ChunkId> chunks,
        String sha256) {

    public enum Kind { FILE, DIRECTORY, SYMLINK }

    /**
     * What the source said about the entry: its permission bits, modification time and owner, which a restore
     * gives back, and its change time and inode, which only the files cache compares.
     */
    public record Attributes(int mode, Instant modified, long uid, long gid, String owner, String group, Instant changed,
            long inode) {
        public Attributes {
            Objects.requireNonNull(modified, "modified");
            Objects.requireNonNull(owner, "owner");
            Objects.requireNonNull(group, "group");
            Objects.requireNonNull(changed, "changed");
        }

        /** The same, with another change time. */
        public Attributes changed(Instant changed) {
            return new Attributes(mode, modified, uid, gid, owner, group, changed, inode);
        }

        /** Mode and time alone, for a stream, which has no owner, change time or inode to keep. */
        public static Attributes of(int mode, Instant modified) {
            return new Attributes(mode, modified, 0, 0, "", "", Instant.EPOCH, 0);
        }
    }

    public TreeEntry {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(attributes, "attributes");
        chunks = List.copyOf(chunks);
        if ((kind == Kind.SYMLINK) != (linkTarget != null)) {
            throw new IllegalArgumentException("only a symbolic link has a link target: " + path);
        }
        if (kind != Kind.FILE && (!chunks.isEmpty() || sha256 != null)) {
            throw new IllegalArgumentException("only a file has chunks and a content digest: " + path);
        }
        if (sha256 != null && !sha256.matches("[0-9a-f]{64}")) {
            throw new IllegalArgumentException("not a SHA-256: " + path);
        }
    }

    public static TreeEntry file(String path, Attributes attributes, StoredStream content, String sha256) {
        return new TreeEntry(Kind.FILE, path, attributes, content.size(), null, content.chunks(), sha256);
    }

    public static TreeEntry file(String path, int mode, Instant modified, StoredStream content) {
        return file(path, Attributes.of(mode, modified), content, null);
    }

    public static TreeEntry directory(String path, Attributes attributes) {
        return new TreeEntry(Kind.DIRECTORY, path, attributes, 0, null, List.of(), null);
    }

    public static TreeEntry directory(String path, int mode, Instant modified) {
        return directory(path, Attributes.of(mode, modified));
    }

    public static TreeEntry symlink(String path, Attributes attributes, String target) {
        return new TreeEntry(Kind.SYMLINK, path, attributes, 0, target, List.of(), null);
    }

    public static TreeEntry symlink(String path, int mode, Instant modified, String target) {
        return symlink(path, Attributes.of(mode, modified), target);
    }

    public int mode() {
        return attributes.mode();
    }

    public Instant modified() {
        return attributes.modified();
    }

    /** The file's content as stored, to hand back to {@link Backup#add} unchanged when the file did not change. */
    public StoredStream content() {
        return new StoredStream(chunks, size);
    }
}
