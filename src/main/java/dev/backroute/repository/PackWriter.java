package dev.backroute.repository;

import dev.backroute.pipeline.DigestingOutputStream;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Collects sealed chunk blobs into one pack file in a spool folder, so memory does not grow with the pack
 * size and the store receives a whole, named file: {@code blob1 || ... || blobN || sealed header || header
 * length (4 bytes, big-endian)}. The name is the SHA-256 of those bytes, computed while writing.
 */
final class PackWriter implements AutoCloseable {
    /** Keeps a pack of tiny chunks from growing a header (and an index file) past what readers accept. */
    static final int MAX_CHUNKS = 16_384;

    private final Sealer sealer;
    private final int targetSize;
    private final Path file;
    private final DigestingOutputStream out;
    private final List<PackEntry> entries = new ArrayList<>();
    private final Set<ChunkId> ids = new HashSet<>();
    private int size;
    private boolean finished;

    /** A pack ready to upload: its name, the spooled file, its blobs. The caller deletes the file. */
    record Finished(String id, Path file, long size, List<PackEntry> entries) {}

    PackWriter(Sealer sealer, Path spool, int targetSize) throws IOException {
        this.sealer = sealer;
        this.targetSize = targetSize;
        this.file = Files.createTempFile(spool, "backroute-pack-", ".tmp");
        this.out = new DigestingOutputStream(new BufferedOutputStream(Files.newOutputStream(file), 1 << 16));
    }

    void add(ChunkId id, ChunkCodec.Encoded chunk, int rawLength) throws IOException {
        out.write(chunk.blob(), 0, chunk.length());
        entries.add(new PackEntry(id, size, chunk.length(), rawLength, chunk.compression()));
        ids.add(id);
        size += chunk.length();
    }

    /** Whether the chunk is already in this pack, so one backup does not store a chunk twice before the pack is indexed. */
    boolean contains(ChunkId id) {
        return ids.contains(id);
    }

    boolean isFull() {
        return size >= targetSize || entries.size() >= MAX_CHUNKS;
    }

    Finished finish() throws IOException {
        byte[] header = sealer.seal(PackHeader.encode(entries), PackHeader.ASSOCIATED);
        out.write(header);
        out.write(ByteBuffer.allocate(4).putInt(header.length).array());
        out.close();
        finished = true;
        return new Finished(out.sha256Hex(), file, out.count(), List.copyOf(entries));
    }

    /** Drops an unfinished pack's spool file (a backup that failed or was abandoned). */
    @Override
    public void close() throws IOException {
        if (!finished) {
            out.close();
            Files.deleteIfExists(file);
        }
    }
}
