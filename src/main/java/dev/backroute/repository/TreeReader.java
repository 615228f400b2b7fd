package dev.backroute.repository;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.DateTimeException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * Reads a snapshot's tree one entry at a time ({@link TreeWriter} has the format). Memory is one entry: its
 * chunk list is 32 bytes per chunk, 32 KiB per GiB of that file. The bytes come from authenticated chunks,
 * but the format is still checked, because an unencrypted repository's chunks are only checksummed.
 */
public final class TreeReader implements AutoCloseable {
    private static final int MAX_STRING = 64 * 1024;

    private final DataInputStream in;
    private final String snapshot;
    private final int minChunk;
    private boolean ended;

    /** @param minChunk the repository's smallest chunk: a file of n bytes has at most n / minChunk + 1 chunks */
    TreeReader(InputStream tree, String snapshot, int minChunk) {
        this.in = new DataInputStream(new BufferedInputStream(tree, 1 << 16));
        this.snapshot = snapshot;
        this.minChunk = minChunk;
    }

    /** The next entry, or null after the last. */
    public TreeEntry next() throws IOException {
        if (ended) {
            return null;
        }
        try {
            int kind = in.readUnsignedByte();
            if (kind == TreeWriter.END) {
                ended = true;
                if (in.read() != -1) {
                    throw malformed("data after its end");
                }
                return null;
            }
            if (kind > TreeEntry.Kind.values().length) {
                throw malformed("an unknown entry kind");
            }
            TreeEntry.Kind k = TreeEntry.Kind.values()[kind - 1];
            String path = readString();
            TreeEntry.Attributes attributes = new TreeEntry.Attributes(in.readInt(), readTime(), in.readLong(), in.readLong(),
                    readString(), readString(), readTime(), in.readLong());
            if (!isId(attributes.uid()) || !isId(attributes.gid())) {
                throw malformed("an owner id outside 0..2^32-1");
            }
            long size = in.readLong();
            if (size < 0) {
                throw malformed("a negative size");
            }
            String target = k == TreeEntry.Kind.SYMLINK ? readString() : null;
            String sha256 = k == TreeEntry.Kind.FILE ? readDigest() : null;
            List<ChunkId> chunks = k == TreeEntry.Kind.FILE ? readChunks(size) : List.of();
            return new TreeEntry(k, path, attributes, size, target, chunks, sha256);
        } catch (EOFException e) {
            throw malformed("no end (cut short)");
        } catch (DateTimeException | IllegalArgumentException e) {
            throw malformed("an impossible entry");
        }
    }

    /** Unix user and group ids are unsigned 32-bit numbers; the backup stores them as read. */
    private static boolean isId(long id) {
        return id >= 0 && id <= 0xFFFF_FFFFL;
    }

    private Instant readTime() throws IOException {
        return Instant.ofEpochSecond(in.readLong(), in.readInt());
    }

    private String readDigest() throws IOException {
        int present = in.readUnsignedByte();
        if (present > 1) {
            throw malformed("a file whose digest flag is neither 0 nor 1");
        }
        if (present == 0) {
            return null;
        }
        byte[] digest = new byte[32];
        in.readFully(digest);
        return HexFormat.of().formatHex(digest);
    }

    private List<ChunkId> readChunks(long size) throws IOException {
        int count = in.readInt();
        // Every chunk but a file's last is at least minChunk long; a forged count must not fill the heap with ids.
        if (count < 0 || count > size / minChunk + 1) {
            throw malformed("a file with more chunks than its size allows");
        }
        List<ChunkId> chunks = new ArrayList<>(Math.min(count, 1 << 16));
        byte[] id = new byte[ChunkId.BYTES];
        for (int i = 0; i < count; i++) {
            in.readFully(id);
            chunks.add(ChunkId.of(id));
        }
        return chunks;
    }

    private String readString() throws IOException {
        int length = in.readInt();
        if (length < 0 || length > MAX_STRING) {
            throw malformed("a name longer than " + MAX_STRING + " bytes");
        }
        byte[] bytes = new byte[length];
        in.readFully(bytes);
        return new String(bytes, StandardCharsets.UTF_8);
    }

    private RepositoryCorruptException malformed(String what) {
        return new RepositoryCorruptException("the tree of snapshot " + snapshot + " is malformed: it has " + what);
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
