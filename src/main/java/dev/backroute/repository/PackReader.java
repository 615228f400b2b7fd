package dev.backroute.repository;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;

/**
 * Reads packs, trusting nothing: the header only after it authenticates and tiles the pack exactly, a chunk
 * only after {@link ChunkCodec} has authenticated it as the chunk asked for, and a whole pack only when its
 * bytes hash to its name. Chunks a stream reads are ranged reads ({@link BlobRuns}), so restoring one file does
 * not download whole packs.
 */
final class PackReader {
    /** The largest header a writer makes (a pack closes at {@link PackWriter#MAX_CHUNKS}), with room for its seal. */
    private static final int MAX_HEADER = 5 + PackWriter.MAX_CHUNKS * PackEntry.ENCODED + 1024;

    private final BlobStore store;
    private final RepositoryKey key;
    private final Sealer sealer;
    private final int maxChunk;
    private final int maxBlob;

    PackReader(BlobStore store, RepositoryKey key) {
        this.store = store;
        this.key = key;
        this.sealer = key.sealer();
        this.maxChunk = key.chunkerParams().max();
        this.maxBlob = key.maxBlobLength();
    }

    List<PackEntry> header(String name) throws IOException {
        long size = store.size(name);
        if (size < 4) {
            throw damaged(name, "it is too short to be a pack");
        }
        int length = ByteBuffer.wrap(read(name, size - 4, 4)).getInt();
        if (length < sealer.overhead() || length > MAX_HEADER || length > size - 4) {
            throw damaged(name, "its header length is impossible (cut short or not a pack)");
        }
        long blobsEnd = size - 4 - length;
        byte[] plain;
        try {
            plain = sealer.open(read(name, blobsEnd, length), PackHeader.ASSOCIATED);
        } catch (Sealer.SealBrokenException e) {
            throw damaged(name, "its header " + e.getMessage());
        }
        List<PackEntry> entries = PackHeader.decode(plain, blobsEnd, maxChunk, maxBlob);
        if (entries == null) {
            throw damaged(name, "its header does not describe its content");
        }
        return entries;
    }

    /**
     * Reads the whole pack once: every blob must open as the chunk the header names, and the bytes must hash
     * to the pack's name (catching a swapped or altered pack even where the header still authenticates).
     */
    List<PackEntry> verify(String name, ChunkCodec codec) throws IOException {
        return verify(name, codec, (entry, blob) -> { });
    }

    /** What a whole-pack read hands on: each blob once it has opened as its chunk, still sealed. */
    interface BlobVisitor {
        void verified(PackEntry entry, byte[] blob) throws IOException;
    }

    /** {@link #verify(String, ChunkCodec)}, handing each verified blob to {@code visitor}: how prune repacks. */
    List<PackEntry> verify(String name, ChunkCodec codec, BlobVisitor visitor) throws IOException {
        List<PackEntry> entries = header(name);
        MessageDigest sha = ContentAddress.sha256();
        ChunkBuffer buffer = new ChunkBuffer(key);
        try (InputStream in = new DigestInputStream(store.get(name), sha)) {
            for (PackEntry e : entries) {
                byte[] blob = buffer.sealed(e.length());
                if (in.readNBytes(blob, 0, e.length()) != e.length()) {
                    throw damaged(name, "it ends inside chunk " + e.id());
                }
                codec.decode(e.id(), blob, 0, e.length(), name, buffer);
                if (buffer.length() != e.rawLength()) {
                    throw damaged(name, "its header gives chunk " + e.id() + " another length than it has");
                }
                visitor.verified(e, blob);
            }
            in.transferTo(OutputStream.nullOutputStream());
        }
        if (!HexFormat.of().formatHex(sha.digest()).equals(BlobName.idOf(name))) {
            throw damaged(name, "its content does not match its name (changed or swapped)");
        }
        return entries;
    }

    private byte[] read(String name, long offset, int length) throws IOException {
        byte[] bytes;
        try (InputStream in = store.get(name, offset, length)) {
            bytes = in.readNBytes(length);
        }
        if (bytes.length != length) {
            throw cutShort(name);
        }
        return bytes;
    }

    static RepositoryCorruptException cutShort(String name) {
        return damaged(name, "it is shorter than its header or the index says (cut short?)");
    }

    private static RepositoryCorruptException damaged(String name, String why) {
        return new RepositoryCorruptException("pack " + name + " is damaged: " + why);
    }
}
