package dev.backroute.repository;

import java.io.BufferedOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Serializes tree entries into a byte stream that is itself chunked and stored like file data, so a tree of
 * millions of files is never held in memory, and an unchanged stretch of it deduplicates against the last
 * snapshot. Record: kind (1 file, 2 directory, 3 link), path, mode, modification time (seconds, nanos), size,
 * then the link target or the chunk ids; a 0 byte ends the tree, so a cut-off tree is told from a short one.
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
        out.writeByte(entry.kind().ordinal() + 1);
        writeString(entry.path());
        out.writeInt(entry.mode());
        out.writeLong(entry.modified().getEpochSecond());
        out.writeInt(entry.modified().getNano());
        out.writeLong(entry.size());
        if (entry.kind() == TreeEntry.Kind.SYMLINK) {
            writeString(entry.linkTarget());
        } else if (entry.kind() == TreeEntry.Kind.FILE) {
            out.writeInt(entry.chunks().size());
            for (ChunkId id : entry.chunks()) {
                out.write(id.bytes());
            }
            fileBytes += entry.size();
        }
        entries++;
    }

    private void writeString(String s) throws IOException {
        byte[] bytes = s.getBytes(StandardCharsets.UTF_8);
        out.writeInt(bytes.length);
        out.write(bytes);
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
