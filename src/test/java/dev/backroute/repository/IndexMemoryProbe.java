package dev.backroute.repository;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Run by {@link ChunkIndexTest} in a child JVM with a small heap: writes N synthetic index entries (32 chunks per
 * pack, as 1 MiB chunks in 32 MiB packs give) to a local repository, opens it, and prints the heap the loaded
 * index takes per entry, measured after a full GC. Arguments: the entry count and a folder the test owns.
 */
public final class IndexMemoryProbe {
    private static final int CHUNKS_PER_PACK = 32;

    public static void main(String[] args) throws Exception {
        run(Integer.parseInt(args[0]), new LocalBlobStore(Path.of(args[1])));
    }

    private static void run(int entries, BlobStore store) throws IOException {
        TestKeyWrap wrap = new TestKeyWrap(1);
        byte[] sample = writeIndex(entries, store, wrap);
        long before = usedHeap();
        Repository repository = Repository.open(store, wrap);
        long after = usedHeap();
        if (repository.knownChunks() != entries || !repository.index().contains(ChunkId.of(sample))) {
            throw new IllegalStateException("the index lost entries: " + repository.knownChunks());
        }
        System.out.printf("ok entries=%d heapBytesPerEntry=%.1f arrayBytesPerEntry=%.1f%n", entries,
                (after - before) / (double) entries, repository.index().footprintBytes() / (double) entries);
    }

    /**
     * A new repository whose index files list {@code entries} synthetic chunks, 32 per pack, in packs that are not
     * stored; returns the id of the last chunk.
     */
    static byte[] writeIndex(int entries, BlobStore store, KeyWrap wrap) throws IOException {
        Sealer sealer = Repository.init(store, wrap, ChunkerParams.DEFAULT).key().sealer();
        Random random = new Random(42);
        Map<String, List<PackEntry>> batch = new LinkedHashMap<>();
        int inBatch = 0;
        byte[] packId = new byte[32];
        byte[] sample = null;
        for (int written = 0; written < entries; written += CHUNKS_PER_PACK) {
            random.nextBytes(packId);
            List<PackEntry> pack = new ArrayList<>(CHUNKS_PER_PACK);
            for (int i = 0; i < CHUNKS_PER_PACK && written + i < entries; i++) {
                byte[] id = new byte[32];
                random.nextBytes(id);
                sample = id;
                pack.add(new PackEntry(ChunkId.of(id), i * 1_000_000, 1_000_000, 1_000_000, (byte) 0));
            }
            batch.put(HexFormat.of().formatHex(packId), pack);
            inBatch += pack.size();
            if (inBatch >= IndexFile.MAX_ENTRIES) {
                IndexFile.write(store, sealer, batch);
                batch.clear();
                inBatch = 0;
            }
        }
        if (!batch.isEmpty()) {
            IndexFile.write(store, sealer, batch);
        }
        return sample;
    }

    private static long usedHeap() {
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }
}
