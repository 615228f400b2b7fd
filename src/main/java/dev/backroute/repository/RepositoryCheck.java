package dev.backroute.repository;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@link Repository#check}: every pack the index uses is read whole (its bytes must hash to its name, every
 * blob must open as the chunk its header names) and compared with the index; every snapshot must open, and
 * every chunk its tree and files need must be indexed. Damage is collected, one line per object, rather than
 * stopping at the first, so one run reports all of it.
 */
final class RepositoryCheck {
    private final Repository repository;
    private final BlobStore store;
    private final ChunkIndex index;
    private final List<String> problems = new ArrayList<>();
    private final List<String> notes = new ArrayList<>();

    RepositoryCheck(Repository repository) {
        this.repository = repository;
        this.store = repository.store();
        this.index = repository.index();
    }

    CheckReport run() throws IOException {
        Map<String, Integer> expected = index.entriesPerPack();
        long chunks = checkPacks(expected);
        int snapshots = 0;
        for (BlobStore.Blob blob : store.list(BlobName.SNAPSHOTS)) {
            try {
                checkSnapshot(SnapshotFile.read(store, repository.key().sealer(), blob.name()));
                snapshots++;
            } catch (RepositoryCorruptException e) {
                problems.add(e.getMessage());
            }
        }
        return new CheckReport(problems, notes, expected.size(), chunks, snapshots);
    }

    /** Returns the chunks found where the index places them. */
    private long checkPacks(Map<String, Integer> expected) throws IOException {
        Set<String> stored = new HashSet<>();
        store.list(BlobName.DATA).forEach(b -> stored.add(b.name()));
        PackReader reader = new PackReader(store, repository.key());
        ChunkCodec codec = ChunkCodec.reader(repository.key());
        long chunks = 0;
        for (Map.Entry<String, Integer> pack : expected.entrySet()) {
            String name = pack.getKey();
            if (!stored.contains(name)) {
                problems.add("pack " + name + " is missing: the index lists " + pack.getValue() + " chunks in it");
                continue;
            }
            try {
                int matching = index.placedAsListed(name, reader.verify(name, codec));
                chunks += matching;
                if (matching != pack.getValue()) {
                    problems.add("pack " + name + " does not hold " + (pack.getValue() - matching) + " of the chunks the index places in it");
                }
            } catch (RepositoryCorruptException e) {
                problems.add(e.getMessage());
            }
        }
        for (String name : stored) {
            if (!expected.containsKey(name)) {
                notes.add("pack " + name + " holds no chunk the index uses (left by an interrupted backup, or a duplicate)");
            }
        }
        return chunks;
    }

    private void checkSnapshot(Snapshot snapshot) throws IOException {
        requireIndexed(snapshot.tree().chunks(), "the tree of snapshot " + snapshot.objectName());
        try (TreeReader tree = repository.tree(snapshot)) {
            for (TreeEntry entry = tree.next(); entry != null; entry = tree.next()) {
                requireIndexed(entry.chunks(), "file " + entry.path() + " of snapshot " + snapshot.objectName());
            }
        }
    }

    private void requireIndexed(Collection<ChunkId> chunks, String what) throws RepositoryCorruptException {
        for (ChunkId id : chunks) {
            if (!index.contains(id)) {
                throw new RepositoryCorruptException(what + " needs chunk " + id + ", which no index lists");
            }
        }
    }
}
