package dev.backroute.repository;

import java.io.IOException;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An {@code index/<sha256>} object: which chunks the listed packs hold, so a backup learns what the repository
 * has without reading every pack header. Sealed plaintext: version 1, pack count, then per pack its 32-byte
 * id, its entry count and per entry the chunk id, offset and stored length (40 bytes). A backup writes one
 * after its packs and before its snapshot, starting a new file once one holds {@link #MAX_ENTRIES} entries
 * (about 2.6 MB), so reading one never needs much memory; the reader accepts up to {@link #MAX_BYTES}, room for
 * the packs a crashed backup left, which the next one indexes in one go.
 */
final class IndexFile {
    static final int MAX_ENTRIES = 65_536;
    /** Encoded bytes per entry, used to size the in-memory index from the files' lengths before reading them. */
    static final int ENTRY_BYTES = ChunkId.BYTES + 4 + 4;
    static final int MAX_BYTES = 48 * 1024 * 1024;
    private static final byte[] ASSOCIATED = "backroute index v1".getBytes(StandardCharsets.US_ASCII);
    private static final byte VERSION = 1;

    private IndexFile() {}

    /** Stores the entries of {@code packs} (pack id → its entries) as one index file; returns its name. */
    static String write(BlobStore store, Sealer sealer, Map<String, List<PackEntry>> packs) throws IOException {
        int entries = packs.values().stream().mapToInt(List::size).sum();
        ByteBuffer out = ByteBuffer.allocate(1 + 4 + packs.size() * (ChunkId.BYTES + 4) + entries * ENTRY_BYTES)
                .put(VERSION).putInt(packs.size());
        packs.forEach((pack, list) -> {
            out.put(HexFormat.of().parseHex(pack)).putInt(list.size());
            for (PackEntry e : list) {
                e.id().write(out);
                out.putInt(e.offset()).putInt(e.length());
            }
        });
        byte[] sealed = sealer.seal(out.array(), ASSOCIATED);
        String name = BlobName.index(ContentAddress.of(sealed));
        store.put(name, sealed);
        return name;
    }

    /**
     * Stores {@code packs} (pack id → its entries) as index files of at most {@link #MAX_ENTRIES} entries each (packs
     * adopted after crashes, or kept by a prune, can add up to more than one file holds); returns their names.
     */
    static List<String> writeAll(BlobStore store, Sealer sealer, Map<String, List<PackEntry>> packs) throws IOException {
        List<String> names = new ArrayList<>();
        Map<String, List<PackEntry>> batch = new LinkedHashMap<>();
        int entries = 0;
        for (Map.Entry<String, List<PackEntry>> pack : packs.entrySet()) {
            if (!batch.isEmpty() && entries + pack.getValue().size() > MAX_ENTRIES) {
                names.add(write(store, sealer, batch));
                batch = new LinkedHashMap<>();
                entries = 0;
            }
            batch.put(pack.getKey(), pack.getValue());
            entries += pack.getValue().size();
        }
        if (!batch.isEmpty()) {
            names.add(write(store, sealer, batch));
        }
        return names;
    }

    /** Adds every entry of index file {@code name} to {@code index}, after checking the file against its name and seal. */
    /** @param maxLength the longest stored chunk the repository can hold ({@code RepositoryKey.maxBlobLength}) */
    static void readInto(BlobStore store, Sealer sealer, String name, ChunkIndex index, int maxLength) throws IOException {
        parse(store, sealer, name, maxLength, new Sink() {
            @Override
            public void pack(String pack, int count) {
                index.reserve(count);
            }

            @Override
            public void entry(String pack, ChunkId id, int offset, int length) {
                index.put(id, pack, offset, length);
            }
        });
    }

    /**
     * The packs index file {@code name} lists, each with its entries (an index entry has no raw length or
     * compression: those are in the pack's header), checked like {@link #readInto}: what prune rewrites.
     */
    static Map<String, List<PackEntry>> read(BlobStore store, Sealer sealer, String name, int maxLength) throws IOException {
        Map<String, List<PackEntry>> packs = new LinkedHashMap<>();
        parse(store, sealer, name, maxLength, new Sink() {
            @Override
            public void pack(String pack, int count) {
                packs.put(BlobName.idOf(pack), new ArrayList<>(count));
            }

            @Override
            public void entry(String pack, ChunkId id, int offset, int length) {
                packs.get(BlobName.idOf(pack)).add(new PackEntry(id, offset, length, 0, (byte) 0));
            }
        });
        return packs;
    }

    private interface Sink {
        void pack(String pack, int count);

        void entry(String pack, ChunkId id, int offset, int length);
    }

    private static void parse(BlobStore store, Sealer sealer, String name, int maxLength, Sink sink) throws IOException {
        byte[] plain;
        try {
            plain = sealer.open(ContentAddress.readVerified(store, name, MAX_BYTES, "index file"), ASSOCIATED);
        } catch (Sealer.SealBrokenException e) {
            throw new RepositoryCorruptException("index file " + name + " " + e.getMessage() + ": it was forged or made with another key");
        }
        try {
            ByteBuffer in = ByteBuffer.wrap(plain);
            if (in.get() != VERSION) {
                throw new RepositoryCorruptException("index file " + name + " has a version this Backroute does not read");
            }
            int packCount = in.getInt();
            byte[] packId = new byte[ChunkId.BYTES];
            for (int p = 0; p < packCount; p++) {
                in.get(packId);
                String pack = BlobName.pack(HexFormat.of().formatHex(packId));
                int count = in.getInt();
                if (count < 0 || count > in.remaining() / ENTRY_BYTES) {
                    throw new RepositoryCorruptException("index file " + name + " is malformed");
                }
                sink.pack(pack, count);
                for (int i = 0; i < count; i++) {
                    ChunkId id = ChunkId.read(in);
                    int offset = in.getInt();
                    int length = in.getInt();
                    // Authenticated when encrypted; an unencrypted index is only checksummed, so check what is used as a position.
                    if (offset < 0 || length <= 0 || length > maxLength) {
                        throw new RepositoryCorruptException("index file " + name + " is malformed");
                    }
                    sink.entry(pack, id, offset, length);
                }
            }
            if (in.hasRemaining()) {
                throw new RepositoryCorruptException("index file " + name + " is malformed");
            }
        } catch (BufferUnderflowException e) {
            throw new RepositoryCorruptException("index file " + name + " is malformed");
        }
    }
}
