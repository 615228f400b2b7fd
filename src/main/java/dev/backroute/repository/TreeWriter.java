package dev.backroute.repository;

import java.io.BufferedOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.util.HexFormat;

/**
 * Serializes tree entries into a byte stream that is itself chunked and stored like file data, so a tree of
 * millions of files is never held in memory, and an unchanged stretch of it deduplicates against the last
 * snapshot. Record: the {@link EntryEncoding#head} fields (kind, path, mode, modification time, uid, gid, owner,
 * group), change time (seconds, nanos), inode, size, then the link target, or a file's content digest (a 0
 * byte, or a 1 byte and 32 bytes of SHA-256) and chunk ids; a 0 byte ends the tree, so a cut-off tree is told
 * from a short one. Strings are a length and UTF-8.
 */
final class TreeWriter {
    static final int END = 0;

    private final DataOutputStream out;
    private long entries;
    private long fileBytes;

    TreeWriter(OutputStream chunking) {
        this.out = new DataOutputStream(new BufferedOutputStream(chunking, 1 << 16));
    }

    void add(TreeEntry entry) throws IOException {
        EntryEncoding.head(out, entry);
        EntryEncoding.time(out, entry.attributes().changed());
        out.writeLong(entry.attributes().inode());
        out.writeLong(entry.size());
        if (entry.kind() == TreeEntry.Kind.SYMLINK) {
            EntryEncoding.string(out, entry.linkTarget());
        } else if (entry.kind() == TreeEntry.Kind.FILE) {
            if (entry.sha256() == null) {
                out.writeByte(0);
            } else {
                out.writeByte(1);
                out.write(HexFormat.of().parseHex(entry.sha256()));
            }
            out.writeInt(entry.chunks().size());
            for (ChunkId id : entry.chunks()) {
                out.write(id.bytes());
            }
            fileBytes += entry.size();
        }
        entries++;
    }

    long entries() {
        return entries;
    }

    long fileBytes() {
        return fileBytes;
    }

    /** Writes the end marker and closes the chunking stream under it. */
    void finish() throws IOException {
        out.writeByte(END);
        out.close();
    }
}
