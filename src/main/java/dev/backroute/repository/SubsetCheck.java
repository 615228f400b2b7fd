package dev.backroute.repository;

import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@link Repository#checkSubset}: the structure of the whole repository (every snapshot opens, every chunk its tree
 * and files need is indexed, in a pack the store holds), which reads snapshots and trees but no file data, and a
 * full read of the packs {@link PackRotation} picks, as {@link RepositoryCheck} reads every pack. It takes no lock:
 * a prune running meanwhile may delete a pack or a snapshot after the listing, so a pack found gone is damage only
 * if the index, read again, still lists it, and a snapshot gone since the listing is skipped.
 */
final class SubsetCheck {
    private final Repository repository;
    private final BlobStore store;
    private final Map<String, Long> stored = new HashMap<>();
    private final Map<String, Boolean> missing = new HashMap<>();
    private final List<String> problems = new ArrayList<>();
    private Map<String, Integer> expected;

    SubsetCheck(Repository repository) {
        this.repository = repository;
        this.store = repository.store();
    }

    SubsetReport run(DataSubset subset, SubsetPosition from) throws IOException {
        store.list(BlobName.DATA).forEach(b -> stored.put(b.name(), b.size()));
        expected = repository.index().entriesPerPack();
        List<Snapshot> snapshots = checkStructure();
        List<BlobStore.Blob> packs = new ArrayList<>();
        for (String pack : expected.keySet()) {
            if (stored.containsKey(pack)) {
                packs.add(new BlobStore.Blob(pack, stored.get(pack)));
            } else if (isMissing(pack)) {
                problems.add(missingPack(pack));
            }
        }
        PackRotation.Selection selection = PackRotation.select(packs, subset, from);
        Map<String, String> damaged = new LinkedHashMap<>();
        int read = 0;
        long bytes = 0;
        PackReader reader = new PackReader(store, repository.key());
        ChunkCodec codec = ChunkCodec.reader(repository.key());
        for (BlobStore.Blob pack : selection.packs()) {
            if (!expected.containsKey(pack.name())) {
                continue; // the index, read again after a prune, no longer uses it
            }
            String problem;
            try {
                problem = verify(reader, codec, pack.name());
            } catch (NoSuchFileException e) {
                if (!isMissing(pack.name())) {
                    continue; // a prune removed it since the listing
                }
                problem = missingPack(pack.name());
            }
            read++;
            bytes += pack.size();
            if (problem != null) {
                damaged.put(pack.name(), problem);
            }
        }
        return new SubsetReport(snapshots.size(), packs.size(), read, bytes, selection.position(), selection.coverage(),
                users(damaged, snapshots), problems, selection.next());
    }

    /** Null when the pack is sound, else what is wrong with it. */
    private String verify(PackReader reader, ChunkCodec codec, String pack) throws IOException {
        try {
            int matching = repository.index().placedAsListed(pack, reader.verify(pack, codec));
            int listed = expected.get(pack);
            return matching == listed ? null : "pack " + pack + " does not hold " + (listed - matching) + " of the chunks the index places in it";
        } catch (RepositoryCorruptException e) {
            return e.getMessage();
        }
    }

    private String missingPack(String pack) {
        return "pack " + pack + " is missing: the index lists " + expected.get(pack) + " chunks in it";
    }

    /** The snapshots that open (authenticated); what is wrong with them or their trees goes to the problems. */
    private List<Snapshot> checkStructure() throws IOException {
        List<Snapshot> opened = new ArrayList<>();
        for (BlobStore.Blob blob : store.list(BlobName.SNAPSHOTS)) {
            Snapshot snapshot;
            try {
                snapshot = SnapshotFile.read(store, repository.key().sealer(), blob.name());
            } catch (NoSuchFileException e) {
                continue; // forgotten since the listing
            } catch (RepositoryCorruptException e) {
                problems.add(e.getMessage());
                continue;
            }
            opened.add(snapshot);
            String name = "snapshot " + snapshot.objectName() + " (backup " + snapshot.info().backupId() + ")";
            try {
                String problem;
                try {
                    problem = unstored(snapshot, name);
                } catch (NoSuchFileException e) {
                    if (!store.exists(blob.name()) || !repository.reloadIfPruned()) {
                        throw e;
                    }
                    // A prune repacked what its tree needs since the index was read: once more with the new index.
                    expected = repository.index().entriesPerPack();
                    problem = unstored(snapshot, name);
                }
                if (problem != null) {
                    problems.add(problem);
                }
            } catch (NoSuchFileException e) {
                if (store.exists(blob.name())) {
                    problems.add(name + " needs " + e.getMessage() + ", which is missing");
                } else {
                    opened.remove(snapshot); // forgotten, and its packs pruned, since the listing
                }
            } catch (RepositoryCorruptException e) {
                problems.add(name + ": " + e.getMessage());
            }
        }
        return opened;
    }

    /** The first chunk the snapshot's tree or one of its files lacks (see below); null when it lacks none. */
    private String unstored(Snapshot snapshot, String name) throws IOException {
        String problem = unstored(snapshot.tree().chunks(), "the tree of " + name);
        if (problem != null) {
            return problem;
        }
        try (TreeReader tree = repository.tree(snapshot)) {
            for (TreeEntry entry = tree.next(); entry != null && problem == null; entry = tree.next()) {
                problem = unstored(entry.chunks(), "file " + entry.path() + " of " + name);
            }
        }
        return problem;
    }

    /** What {@code what} lacks: a chunk no index lists or whose pack is missing; null when it lacks nothing. */
    private String unstored(Collection<ChunkId> chunks, String what) throws IOException {
        for (ChunkId id : chunks) {
            ChunkIndex.Location at = repository.index().get(id);
            if (at == null) {
                return what + " needs chunk " + id + ", which no index lists";
            }
            if (!stored.containsKey(at.pack()) && isMissing(at.pack())) {
                return what + " needs chunk " + id + " from pack " + at.pack() + ", which is missing";
            }
        }
        return null;
    }

    /**
     * Whether a pack the index lists is really gone: not when a prune removed it since the index was read (the index,
     * read again, no longer lists it) or it was written since the listing.
     */
    private boolean isMissing(String pack) throws IOException {
        Boolean known = missing.get(pack);
        if (known == null) {
            if (repository.reloadIfPruned()) {
                expected = repository.index().entriesPerPack();
            }
            known = expected.containsKey(pack) && !store.exists(pack);
            missing.put(pack, known);
        }
        return known;
    }

    /** Each damaged pack with the backups whose snapshots need a chunk in it (a second walk of the trees, only on damage). */
    private List<SubsetReport.DamagedPack> users(Map<String, String> damaged, List<Snapshot> snapshots) {
        Map<String, Set<String>> users = new LinkedHashMap<>();
        damaged.keySet().forEach(p -> users.put(p, new LinkedHashSet<>()));
        if (!damaged.isEmpty()) {
            for (Snapshot snapshot : snapshots) {
                String backup = snapshot.info().backupId();
                markUsers(snapshot.tree().chunks(), backup, users);
                try (TreeReader tree = repository.tree(snapshot)) {
                    for (TreeEntry entry = tree.next(); entry != null; entry = tree.next()) {
                        markUsers(entry.chunks(), backup, users);
                    }
                } catch (IOException e) {
                    // Its tree read whole a moment ago; if it cannot now, the tree's packs already name it.
                }
            }
        }
        List<SubsetReport.DamagedPack> out = new ArrayList<>();
        damaged.forEach((pack, error) -> out.add(new SubsetReport.DamagedPack(pack, error, List.copyOf(users.get(pack)))));
        return out;
    }

    private void markUsers(Collection<ChunkId> chunks, String backup, Map<String, Set<String>> users) {
        for (ChunkId id : chunks) {
            ChunkIndex.Location at = repository.index().get(id);
            Set<String> of = at == null ? null : users.get(at.pack());
            if (of != null) {
                of.add(backup);
            }
        }
    }
}
