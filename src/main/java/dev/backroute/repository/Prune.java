package dev.backroute.repository;

import java.io.IOException;
import java.util.BitSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reclaims the chunks no snapshot references, run under an exclusive {@link RepositoryLock} on a repository loaded
 * after the lock was taken (restic's prune, in the same order):
 * <ol>
 *   <li>mark: every snapshot is read (one that does not authenticate stops the prune: its chunks are unknown) and
 *       every chunk of its tree and files marked live, one bit per index slot; a live chunk that no pack holds
 *       stops it too (the repository has lost data, and deleting more would not help);</li>
 *   <li>plan: a pack with no live chunk is deleted, one whose unused share is above the threshold is repacked,
 *       any other is kept;</li>
 *   <li>repack: the live chunks of those packs are read (each authenticated, the whole pack checked against its
 *       name) and copied, still sealed, into new packs, then indexed;</li>
 *   <li>index: every index file that lists a pack about to go is replaced by one without it;</li>
 *   <li>delete the packs.</li>
 * </ol>
 * Each step only removes what the steps before made unreferenced, so a kill -9 anywhere leaves every snapshot
 * whole: before step 4 the old index and packs are all there, after it no index file names a pack that step 5
 * may have deleted, and packs left unindexed are adopted from their headers by the next open and reclaimed by
 * the next prune. Memory: the index (about 58 bytes per chunk), one bit per index slot and 8 bytes per pack.
 */
final class Prune {
    private final Repository repository;
    private final PruneOptions options;
    private final BlobStore store;
    private final ChunkIndex index;
    private final RepositoryLock lock;

    Prune(Repository repository, PruneOptions options, RepositoryLock lock) {
        this.repository = repository;
        this.options = options;
        this.lock = lock;
        this.store = repository.store();
        this.index = repository.index();
    }

    PruneReport run() throws IOException {
        Map<String, Long> packs = new LinkedHashMap<>();
        for (BlobStore.Blob blob : store.list(BlobName.DATA)) {
            packs.put(blob.name(), blob.size());
        }
        List<Snapshot> snapshots = snapshots();
        Set<String> present = new java.util.HashSet<>();
        snapshots.forEach(s -> present.add(s.name()));
        for (String needed : options.required()) {
            if (!present.contains(needed)) {
                throw new MissingSnapshotException(needed);
            }
        }
        BitSet live = mark(snapshots, packs);
        long[] liveBytes = new long[index.packCount() + 1];
        long[] chunkBytes = new long[index.packCount() + 1];
        int[] liveChunks = new int[index.packCount() + 1];
        index.forEach((slot, pack, offset, length) -> {
            chunkBytes[pack] += length;
            if (live.get(slot)) {
                liveBytes[pack] += length;
                liveChunks[pack]++;
            }
        });

        Set<String> delete = new LinkedHashSet<>();
        Set<String> repack = new LinkedHashSet<>();
        long before = 0;
        long kept = 0;
        long repackedLive = 0;
        long unusedKept = 0;
        for (Map.Entry<String, Long> pack : packs.entrySet()) {
            long size = pack.getValue();
            int number = index.packNumber(pack.getKey());
            long used = number == 0 ? 0 : liveBytes[number];
            // Unused: chunks no snapshot needs. A pack's header is not, or a small pack of live chunks would be repacked
            // into itself on every run.
            long unused = number == 0 ? size : chunkBytes[number] - used;
            before += size;
            if (used == 0) {
                delete.add(pack.getKey());
            } else if (unused * 100 > (long) options.repackUnusedPercent() * size) {
                repack.add(pack.getKey());
                repackedLive += used;
            } else {
                kept += size;
                unusedKept += unused;
            }
        }
        checkPlacements(packs.keySet(), live, liveChunks);
        if (options.dryRun()) {
            return new PruneReport(true, snapshots.size(), packs.size(), delete.size(), repack.size(), 0, 0, before,
                    kept + repackedLive, unusedKept);
        }

        Map<String, List<PackEntry>> written = new LinkedHashMap<>();
        long writtenBytes = repack(repack, live, liveChunks, written);
        Map<String, List<PackEntry>> toIndex = new LinkedHashMap<>(written);
        // A killed backup's packs that no index file lists yet, and that keep live chunks: indexed now, as a backup would.
        repository.adoptedPacks().forEach((id, entries) -> {
            String name = BlobName.pack(id);
            if (packs.containsKey(name) && !delete.contains(name) && !repack.contains(name)) {
                toIndex.put(id, entries);
            }
        });
        Set<String> newIndex = new LinkedHashSet<>(IndexFile.writeAll(store, repository.key().sealer(), toIndex));

        // A clear repository seals deterministically: a repacked pack may come out under the name of a pack this prune
        // was going to remove (the pack itself, or a copy of it a killed prune left). What was just written stays.
        Set<String> writtenNames = new LinkedHashSet<>();
        written.keySet().forEach(id -> writtenNames.add(BlobName.pack(id)));
        delete.removeAll(writtenNames);
        repack.removeAll(writtenNames);
        Set<String> removed = new LinkedHashSet<>(delete);
        removed.addAll(repack);
        for (String pack : index.packs()) {
            if (!packs.containsKey(pack) && !writtenNames.contains(pack)) {
                removed.add(pack); // named by an index file, gone from the store, and (mark checked) nothing live there
            }
        }
        // Backups elsewhere may have taken the lock for stale if this prune was held up: then it removes nothing.
        lock.checkHeld();
        int rewritten = rewriteIndex(removed, newIndex);
        lock.checkHeld();
        for (String pack : delete) {
            store.delete(pack);
        }
        for (String pack : repack) {
            store.delete(pack);
        }
        return new PruneReport(false, snapshots.size(), packs.size(), delete.size(), repack.size(), written.size(), rewritten,
                before, kept + writtenBytes, unusedKept);
    }

    /**
     * Every snapshot, authenticated; one that a cleanup forgot since it was listed is gone, and its chunks with it. One
     * that does not authenticate stops the prune: the chunks it names are unknown.
     */
    private List<Snapshot> snapshots() throws IOException {
        List<Snapshot> all = new java.util.ArrayList<>();
        for (BlobStore.Blob blob : store.list(BlobName.SNAPSHOTS)) {
            try {
                all.add(repository.snapshot(BlobName.idOf(blob.name())));
            } catch (java.nio.file.NoSuchFileException e) {
                // forgotten meanwhile
            }
        }
        return all;
    }

    /** One bit per index slot for every chunk a snapshot's tree or files use; throws if one of them is not stored. */
    private BitSet mark(List<Snapshot> snapshots, Map<String, Long> packs) throws IOException {
        boolean[] missing = new boolean[index.packCount() + 1];
        for (int n = 1; n <= index.packCount(); n++) {
            missing[n] = !packs.containsKey(index.packName(n));
        }
        BitSet live = new BitSet(index.capacity());
        for (Snapshot snapshot : snapshots) {
            mark(snapshot, snapshot.tree().chunks(), live, missing);
            try (TreeReader tree = repository.tree(snapshot)) {
                for (TreeEntry entry = tree.next(); entry != null; entry = tree.next()) {
                    mark(snapshot, entry.chunks(), live, missing);
                }
            }
        }
        return live;
    }

    private void mark(Snapshot snapshot, List<ChunkId> chunks, BitSet live, boolean[] missing) throws RepositoryCorruptException {
        for (ChunkId id : chunks) {
            int slot = index.slotOf(id);
            if (slot < 0 || missing[index.packAt(slot)]) {
                throw new RepositoryCorruptException("snapshot " + snapshot.objectName() + " needs chunk " + id + ", which no pack"
                        + " in the repository holds: data is already lost, so prune deleted nothing; run validate to see which"
                        + " backups are affected");
            }
            live.set(slot);
        }
    }

    /**
     * Every pack that keeps a live chunk must list it in its own authenticated header where the index places it: an
     * index file that places chunks elsewhere (planted in a clear repository, or an old one put back) would otherwise
     * make the packs that really hold them look unused. Two small reads per pack.
     */
    private void checkPlacements(Set<String> packs, BitSet live, int[] liveChunks) throws IOException {
        PackReader reader = new PackReader(store, repository.key());
        for (String pack : packs) {
            int number = index.packNumber(pack);
            if (number == 0 || liveChunks[number] == 0) {
                continue;
            }
            int listed = 0;
            for (PackEntry e : reader.header(pack)) {
                ChunkIndex.Location at = index.get(e.id());
                if (at != null && live.get(index.slotOf(e.id())) && at.pack().equals(pack) && at.offset() == e.offset()
                        && at.length() == e.length()) {
                    listed++;
                }
            }
            if (listed != liveChunks[number]) {
                throw new RepositoryCorruptException("pack " + pack + " does not hold the chunks the index places in it: an index"
                        + " file is damaged, planted or out of date, so prune deleted nothing; run validate");
            }
        }
    }

    /**
     * Copies the live chunks of {@code packs} (each pack read whole and verified) into new packs, stored before this
     * returns; fills {@code written} with their entries and returns their stored bytes.
     */
    private long repack(Set<String> packs, BitSet live, int[] liveChunks, Map<String, List<PackEntry>> written) throws IOException {
        PackReader reader = new PackReader(store, repository.key());
        ChunkCodec codec = ChunkCodec.reader(repository.key());
        Map<String, Long> sizes = new HashMap<>();
        PackWriter[] writer = {null};
        for (String pack : packs) {
            int[] copied = {0};
            reader.verify(pack, codec, (entry, blob) -> {
                ChunkIndex.Location at = index.get(entry.id());
                // Only the copy the index points at is live: another copy of the chunk elsewhere is a duplicate to drop.
                if (at == null || !live.get(index.slotOf(entry.id())) || !at.pack().equals(pack) || at.offset() != entry.offset()) {
                    return;
                }
                if (writer[0] == null) {
                    writer[0] = new PackWriter(repository.key().sealer(), options.spool(), options.packSize());
                }
                writer[0].add(entry.id(), new ChunkCodec.Encoded(blob, entry.length(), entry.compression()), entry.rawLength());
                copied[0]++;
                if (writer[0].isFull()) {
                    store(writer[0], written, sizes);
                    writer[0] = null;
                }
            });
            if (copied[0] != liveChunks[index.packNumber(pack)]) {
                throw new RepositoryCorruptException("pack " + pack + " did not hold every live chunk the index places in it:"
                        + " prune deleted nothing; run validate");
            }
        }
        if (writer[0] != null) {
            store(writer[0], written, sizes);
        }
        return sizes.values().stream().mapToLong(Long::longValue).sum();
    }

    private void store(PackWriter writer, Map<String, List<PackEntry>> written, Map<String, Long> sizes) throws IOException {
        try (writer) {
            PackWriter.Finished finished = writer.finish();
            store.putAndDelete(BlobName.pack(finished.id()), finished.file());
            written.put(finished.id(), finished.entries());
            sizes.put(finished.id(), finished.size());
        }
    }

    /** Replaces each index file that lists a removed pack by one without it (none when nothing else is left in it). */
    private int rewriteIndex(Set<String> removed, Set<String> justWritten) throws IOException {
        int rewritten = 0;
        for (BlobStore.Blob file : store.list(BlobName.INDEX)) {
            if (justWritten.contains(file.name())) {
                continue;
            }
            Map<String, List<PackEntry>> listed = IndexFile.read(store, repository.key().sealer(), file.name(),
                    repository.key().maxBlobLength());
            if (listed.keySet().stream().noneMatch(id -> removed.contains(BlobName.pack(id)))) {
                continue;
            }
            listed.keySet().removeIf(id -> removed.contains(BlobName.pack(id)));
            if (!listed.isEmpty()) {
                IndexFile.writeAll(store, repository.key().sealer(), listed);
            }
            store.delete(file.name());
            rewritten++;
        }
        return rewritten;
    }
}
