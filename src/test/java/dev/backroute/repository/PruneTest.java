package dev.backroute.repository;

import dev.backroute.pipeline.Compression;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PruneTest {
    private static final ChunkerParams PARAMS = new ChunkerParams(4096, 16384, 65536);
    private static final Instant T0 = Instant.parse("2026-12-05T12:00:00Z");

    @TempDir
    Path spool;

    private final MemoryBlobStore store = new MemoryBlobStore();
    /** Backup id → the bytes it holds, for every snapshot that must still read back. */
    private final Map<String, byte[]> kept = new LinkedHashMap<>();

    @Test
    void pruneDeletesWhatNoSnapshotUsesAndEveryKeptSnapshotReadsBack() throws IOException {
        Repository repository = Repository.init(store, new TestKeyWrap(1), PARAMS);
        Snapshot first = backUp(repository, "day1", data(2_000_000, 1));
        backUp(repository, "day2", changed(kept.get("day1"), 2));
        backUp(repository, "day3", data(1_500_000, 3));
        forget(first);
        long before = packBytes();

        PruneReport report = Repository.open(store, new TestKeyWrap(1)).prune(options(20));

        assertThat(report.dryRun()).isFalse();
        assertThat(report.snapshots()).isEqualTo(2);
        assertThat(report.packsDeleted() + report.packsRepacked()).isPositive();
        assertThat(report.bytesBefore()).isEqualTo(before);
        assertThat(report.bytesAfter()).isEqualTo(packBytes()).isLessThan(before);
        assertKeptSnapshotsReadBack();
        // What is left is what the kept snapshots use, give or take the packs under the repack threshold.
        assertThat(report.unusedKept()).isLessThanOrEqualTo(report.bytesAfter() / 5);
        PruneReport again = Repository.open(store, new TestKeyWrap(1)).prune(options(20));
        assertThat(again.packsDeleted() + again.packsRepacked()).isZero();
    }

    @Test
    void aLowRepackThresholdLeavesAlmostNothingUnused() throws IOException {
        Repository repository = Repository.init(store, new TestKeyWrap(1), PARAMS);
        Snapshot first = backUp(repository, "day1", data(2_000_000, 4));
        backUp(repository, "day2", changed(kept.get("day1"), 5));
        forget(first);

        PruneReport report = Repository.open(store, new TestKeyWrap(1)).prune(options(1));

        assertThat(report.packsRepacked()).isPositive();
        assertThat(report.packsWritten()).isPositive();
        assertThat(report.unusedKept()).isLessThanOrEqualTo(report.bytesAfter() / 100);
        assertKeptSnapshotsReadBack();
    }

    @Test
    void anUnencryptedRepositoryIsPrunedAlike() throws IOException {
        Repository repository = Repository.init(store, null, PARAMS);
        Snapshot first = backUp(repository, "day1", data(3_000_000, 20));
        backUp(repository, "day2", data(3_000_000, 21));
        forget(first);
        for (int i = 0; i < 3; i++) {
            Repository.open(store, null).prune(options(20));
            assertKeptSnapshotsReadBackClear();
        }
    }

    private void assertKeptSnapshotsReadBackClear() throws IOException {
        Repository reopened = Repository.open(store, null);
        assertThat(reopened.snapshots()).extracting(s -> s.info().backupId()).containsExactlyInAnyOrderElementsOf(kept.keySet());
        for (Snapshot s : reopened.snapshots()) {
            try (InputStream in = reopened.read(s)) {
                assertThat(in.readAllBytes()).isEqualTo(kept.get(s.info().backupId()));
            }
        }
    }

    /** Its header is not unused space: a small pack of live chunks is never repacked (in a clear repository, into itself). */
    @Test
    void aSmallPackWhoseChunksAreAllLiveStays() throws IOException {
        Repository repository = Repository.init(store, null, PARAMS);
        backUp(repository, "small", data(100, 22));
        Map<String, Long> objects = objects();

        PruneReport report = Repository.open(store, null).prune(options(1));

        assertThat(report.packsRepacked() + report.packsDeleted()).isZero();
        assertThat(report.unusedKept()).isZero();
        assertThat(objects()).isEqualTo(objects);
        assertKeptSnapshotsReadBackClear();
    }

    @Test
    void aDryRunReportsTheSameDecisionsAndChangesNothing() throws IOException {
        Repository repository = Repository.init(store, new TestKeyWrap(1), PARAMS);
        Snapshot first = backUp(repository, "day1", data(1_000_000, 6));
        backUp(repository, "day2", changed(kept.get("day1"), 7));
        forget(first);
        Map<String, Long> objects = objects();

        PruneReport dry = Repository.open(store, new TestKeyWrap(1)).prune(dryRun());

        assertThat(objects()).isEqualTo(objects);
        PruneReport real = Repository.open(store, new TestKeyWrap(1)).prune(options(20));
        assertThat(dry.dryRun()).isTrue();
        assertThat(List.of(dry.packsDeleted(), dry.packsRepacked())).isEqualTo(List.of(real.packsDeleted(), real.packsRepacked()));
    }

    @Test
    void aSnapshotThatDoesNotAuthenticateStopsPruneBeforeAnythingIsDeleted() throws IOException {
        Repository repository = Repository.init(store, new TestKeyWrap(1), PARAMS);
        Snapshot first = backUp(repository, "day1", data(500_000, 8));
        backUp(repository, "day2", data(500_000, 9));
        forget(first);
        store.put(BlobName.snapshot(ContentAddress.of(new byte[64])), new byte[64]);
        Map<String, Long> objects = objects();

        assertThatThrownBy(() -> Repository.open(store, new TestKeyWrap(1)).prune(options(20)))
                .isInstanceOf(RepositoryCorruptException.class).hasMessageContaining("snapshots/");
        assertThat(objects()).isEqualTo(objects);
    }

    @Test
    void aSnapshotAKeptManifestNamesButTheStoreDoesNotListStopsPrune() throws IOException {
        Repository repository = Repository.init(store, new TestKeyWrap(1), PARAMS);
        Snapshot kept = backUp(repository, "day1", data(500_000, 23));
        store.delete(kept.objectName()); // or a listing that missed it: its chunks would look unused
        Map<String, Long> objects = objects();

        PruneOptions naming = new PruneOptions(false, 20, 64 * 1024, spool, Duration.ZERO, java.util.Set.of(kept.name()));
        assertThatThrownBy(() -> Repository.open(store, new TestKeyWrap(1)).prune(naming))
                .isInstanceOf(RepositoryCorruptException.class)
                .hasMessage("snapshot " + kept.name() + ", which a kept backup's manifest names, is not in the repository: prune"
                        + " deleted nothing; run validate to see which backup lost it");
        assertThat(objects()).isEqualTo(objects);
    }

    @Test
    void aChunkThatNoPackHoldsStopsPruneBeforeAnythingIsDeleted() throws IOException {
        Repository repository = Repository.init(store, new TestKeyWrap(1), PARAMS);
        Snapshot first = backUp(repository, "day1", data(500_000, 10));
        Snapshot second = backUp(repository, "day2", data(500_000, 11));
        forget(first);
        String lost = repository.index().get(second.tree().chunks().get(0)).pack();
        store.delete(lost);
        Map<String, Long> objects = objects();

        assertThatThrownBy(() -> Repository.open(store, new TestKeyWrap(1)).prune(options(20)))
                .isInstanceOf(RepositoryCorruptException.class)
                .hasMessageContaining("which no pack in the repository holds: data is already lost, so prune deleted nothing");
        assertThat(objects()).isEqualTo(objects);
    }

    @Test
    void packsAKilledBackupLeftUnindexedAreIndexedWhenUsedAndDeletedWhenNot() throws IOException {
        Repository repository = Repository.init(store, new TestKeyWrap(1), PARAMS);
        Snapshot first = backUp(repository, "day1", data(800_000, 12));
        backUp(repository, "day2", changed(kept.get("day1"), 13));
        forget(first);
        for (BlobStore.Blob index : store.list(BlobName.INDEX)) {
            store.delete(index.name()); // as if no backup had lived to write its index file
        }

        Repository.open(store, new TestKeyWrap(1)).prune(options(20));

        assertThat(store.list(BlobName.INDEX)).isNotEmpty();
        Repository reopened = Repository.open(store, new TestKeyWrap(1));
        assertThat(reopened.adoptedPacks()).isEmpty();
        assertKeptSnapshotsReadBack();
        assertThat(reopened.check().ok()).isTrue();
    }

    /**
     * A prune stopped after each of its writes and deletions in turn (the store fails from then on, as a kill -9
     * would stop it): every kept snapshot reads back, a backup of the forgotten data then (which deduplicates against
     * whatever the index still names) reads back too, and a second prune finishes and leaves a sound repository.
     */
    @Test
    void aPruneStoppedAtAnyWriteOrDeletionLosesNothing() throws IOException {
        Repository repository = Repository.init(store, new TestKeyWrap(1), PARAMS);
        byte[] forgotten = data(1_200_000, 14);
        Snapshot first = backUp(repository, "day1", forgotten);
        // The second half of the forgotten data is nowhere else: whole packs of it go, the rest is repacked.
        backUp(repository, "day2", changed(java.util.Arrays.copyOf(forgotten, 600_000), 15));
        backUp(repository, "day3", changed(kept.get("day2"), 16));
        forget(first);
        MemoryBlobStore pristine = copy(store);
        Map<String, byte[]> before = new LinkedHashMap<>(kept);
        int changes = countChanges(pristine);
        assertThat(changes).isGreaterThan(3);

        for (int stopAt = 0; stopAt < changes; stopAt++) {
            MemoryBlobStore trial = copy(pristine);
            kept.clear();
            kept.putAll(before);
            StoppingStore stopping = new StoppingStore(trial, stopAt);
            assertThatThrownBy(() -> Repository.open(stopping, new TestKeyWrap(1)).prune(options(1)))
                    .as("stopped at change %d", stopAt).hasMessageContaining("stopped");
            assertKeptSnapshotsReadBack(trial);
            backUp(Repository.open(trial, new TestKeyWrap(1)), "again", forgotten);
            assertKeptSnapshotsReadBack(trial);
            Repository.open(trial, new TestKeyWrap(1)).prune(options(1));
            assertKeptSnapshotsReadBack(trial);
            assertThat(Repository.open(trial, new TestKeyWrap(1)).check().ok()).as("check after stop at %d", stopAt).isTrue();
        }
    }

    /**
     * A clear repository seals deterministically, so a repack can come out under an existing pack's name: stopped
     * at each of its writes and deletions in turn, a prune run again (nothing in between) loses nothing.
     */
    @Test
    void aClearRepositoryPruneStoppedAnywhereAndRunAgainLosesNothing() throws IOException {
        Repository repository = Repository.init(store, null, PARAMS);
        byte[] forgotten = data(1_200_000, 14);
        Snapshot first = backUp(repository, "day1", forgotten);
        backUp(repository, "day2", java.util.Arrays.copyOf(forgotten, 600_000));
        backUp(repository, "day3", data(300_000, 15));
        forget(first);
        MemoryBlobStore pristine = copy(store);
        int changes = countChanges(pristine, null);

        for (int stopAt = 0; stopAt < changes; stopAt++) {
            MemoryBlobStore trial = copy(pristine);
            StoppingStore stopping = new StoppingStore(trial, stopAt);
            assertThatThrownBy(() -> Repository.open(stopping, null).prune(options(1))).hasMessageContaining("stopped");
            Repository.open(trial, null).prune(options(1));
            assertReadsBack(trial, null, kept);
            assertThat(Repository.open(trial, null).check().ok()).as("check after stop at %d", stopAt).isTrue();
        }
    }

    /** A clear repository's index file is only checksummed: one planted to place live chunks elsewhere stops prune. */
    @Test
    void aPlantedIndexFileThatMisplacesLiveChunksStopsPruneBeforeAnythingIsDeleted() throws IOException {
        Repository repository = Repository.init(store, null, PARAMS);
        Snapshot keptOne = backUp(repository, "day1", data(400_000, 41));
        Snapshot forgottenOne = backUp(repository, "day2", data(400_000, 42));
        forget(forgottenOne);
        String decoy = repository.index().get(forgottenOne.tree().chunks().get(0)).pack();
        List<PackEntry> misplaced = new ArrayList<>();
        try (TreeReader tree = repository.tree(keptOne)) {
            for (TreeEntry e = tree.next(); e != null; e = tree.next()) {
                e.chunks().forEach(id -> misplaced.add(new PackEntry(id, 0, 100, 0, (byte) 0)));
            }
        }
        // Its name is ground to sort first, so its placements are the ones an index loads.
        for (int n = 0; ; n++) {
            Map<String, List<PackEntry>> forged = new LinkedHashMap<>();
            forged.put(BlobName.idOf(decoy), misplaced);
            forged.put(ContentAddress.of(new byte[] {(byte) n, (byte) (n >> 8)}), List.of());
            if (IndexFile.write(new MemoryBlobStore(), repository.key().sealer(), forged).startsWith("index/00")) {
                IndexFile.write(store, repository.key().sealer(), forged);
                break;
            }
        }
        Map<String, Long> objects = objects();

        assertThatThrownBy(() -> Repository.open(store, null).prune(options(20)))
                .isInstanceOf(RepositoryCorruptException.class)
                .hasMessageContaining("does not hold the chunks the index places in it: an index file is damaged, planted or out of"
                        + " date, so prune deleted nothing");
        assertThat(objects()).isEqualTo(objects);
    }

    /** A Repository object that backs up again after another process pruned reads the index again, so it stores what was deleted. */
    @Test
    void aRepositoryObjectReusedAfterAPruneElsewhereStoresWhatThePruneDeleted() throws IOException {
        Repository repository = Repository.init(store, new TestKeyWrap(1), PARAMS);
        backUp(repository, "day0", data(300_000, 1));
        byte[] bytes = data(600_000, 2);
        forget(backUp(repository, "day1", bytes));
        PruneReport pruned = Repository.open(store, new TestKeyWrap(1)).prune(options(20));
        assertThat(pruned.packsDeleted()).isPositive();

        backUp(repository, "day2", bytes);

        assertKeptSnapshotsReadBack();
    }

    /** A backup whose lock was removed (taken for stale elsewhere) indexes nothing and commits no snapshot. */
    @Test
    void aBackupThatLostItsLockCommitsNothing() throws IOException {
        Repository repository = Repository.init(store, new TestKeyWrap(1), PARAMS);
        try (Backup backup = repository.newBackup(backupOptions())) {
            backup.add(TreeEntry.file("dump", 0600, T0, backup.write(new ByteArrayInputStream(data(300_000, 3)))));
            for (BlobStore.Blob lock : store.list(BlobName.LOCKS)) {
                store.delete(lock.name());
            }
            assertThatThrownBy(() -> backup.commit(new SnapshotInfo("postgres", "day1", T0, T0, Snapshot.Kind.STREAM, Map.of())))
                    .isInstanceOf(RepositoryLockedException.class)
                    .hasMessageStartingWith("the repository lock was lost");
        }
        assertThat(store.list(BlobName.SNAPSHOTS)).isEmpty();
        assertThat(store.list(BlobName.INDEX)).as("its packs are left for the next open to adopt, not indexed").isEmpty();
    }

    /** A backup that finds a prune running waits for it and then goes ahead. */
    @Test
    void aBackupWaitsForAPruneThenSucceeds() throws Exception {
        Repository repository = Repository.init(store, new TestKeyWrap(1), PARAMS);
        RepositoryLock prune = RepositoryLock.acquire(store, repository.key().sealer(), RepositoryLock.Kind.EXCLUSIVE, Duration.ZERO,
                java.time.Clock.systemUTC());
        Thread release = new Thread(() -> {
            try {
                Thread.sleep(1500);
                prune.close();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        release.start();
        long start = System.nanoTime();
        backUp(repository, "after", data(1000, 18));
        release.join();
        assertThat(System.nanoTime() - start).as("it waited for the prune").isGreaterThanOrEqualTo(1_000_000_000L);
        assertKeptSnapshotsReadBack();
    }

    /** A million chunks' index, every one of them unused, pruned in a JVM with a 128 MB heap (the index alone takes ~58 MB). */
    @Test
    void aMillionChunksArePrunedInASmallHeap(@TempDir Path dir) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process p = new ProcessBuilder(java, "-Xmx128m", "-XX:+ExitOnOutOfMemoryError", "-cp", System.getProperty("java.class.path"),
                PruneMemoryProbe.class.getName(), "1000000", dir.toString()).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes());
        assertThat(p.waitFor(10, TimeUnit.MINUTES)).isTrue();
        assertThat(p.exitValue()).as(output).isZero();
        assertThat(output).contains("ok entries=1000000 indexFilesRewritten=16");
    }

    @Test
    void pruneWaitsForABackupInFlightAndNamesItWhenTheWaitIsOver() throws IOException {
        Repository repository = Repository.init(store, new TestKeyWrap(1), PARAMS);
        try (Backup inFlight = repository.newBackup(backupOptions())) {
            assertThatThrownBy(() -> Repository.open(store, new TestKeyWrap(1)).prune(options(20)))
                    .isInstanceOf(RepositoryLockedException.class)
                    .hasMessageStartingWith("the repository is locked by a backup on host ")
                    .hasMessageContaining("wait for it to finish and try again");
            inFlight.add(TreeEntry.file("dump", 0600, T0, inFlight.write(new ByteArrayInputStream(data(1000, 17)))));
        }
        assertThat(store.list(BlobName.LOCKS)).isEmpty();
        assertThat(Repository.open(store, new TestKeyWrap(1)).prune(options(20)).dryRun()).isFalse();
    }

    @Test
    void aBackupWaitsForAPruneAndNamesItWhenTheWaitIsOver() throws IOException {
        Repository repository = Repository.init(store, new TestKeyWrap(1), PARAMS);
        try (RepositoryLock prune = RepositoryLock.acquire(store, repository.key().sealer(), RepositoryLock.Kind.EXCLUSIVE,
                Duration.ZERO, java.time.Clock.systemUTC())) {
            assertThatThrownBy(() -> repository.newBackup(backupOptions().withLockWait(Duration.ZERO)))
                    .isInstanceOf(RepositoryLockedException.class)
                    .hasMessageStartingWith("the repository is locked by a prune on host ");
            assertThat(store.list(BlobName.LOCKS)).hasSize(1);
        }
        backUp(repository, "after", data(1000, 18));
    }

    @Test
    void backupsShareTheRepository() throws IOException {
        Repository repository = Repository.init(store, new TestKeyWrap(1), PARAMS);
        try (Backup one = repository.newBackup(backupOptions());
             Backup two = Repository.open(store, new TestKeyWrap(1)).newBackup(backupOptions())) {
            assertThat(store.list(BlobName.LOCKS)).hasSize(2);
        }
        assertThat(store.list(BlobName.LOCKS)).isEmpty();
    }

    @Test
    void aLockIsLiveUntilStaleOrItsProcessOnThisMachineIsGone() throws Exception {
        java.time.Clock clock = java.time.Clock.systemUTC();
        String host = dev.backroute.Hosts.localHost();
        String machine = RepositoryLock.machine();
        assertThat(machine).as("boot id and pid namespace, on Linux").isNotEmpty();
        Process exited = new ProcessBuilder("true").start();
        exited.waitFor();
        Instant now = clock.instant();
        assertThat(live(host, exited.pid(), machine, now)).as("its process is gone").isFalse();
        assertThat(live(host, ProcessHandle.current().pid(), machine, now)).isTrue();
        assertThat(live(host, exited.pid(), "another-boot/pid:[1]", now))
                .as("same host name, another machine or container: its pid says nothing here").isTrue();
        assertThat(live("another-host", exited.pid(), machine, now)).isTrue();
        assertThat(live("another-host", 1, machine, now.minus(RepositoryLock.STALE).minusSeconds(1))).as("not renewed").isFalse();
        assertThat(live("another-host", 1, machine, now.plus(RepositoryLock.STALE).plusSeconds(60))).as("dated far ahead").isFalse();
    }

    private static boolean live(String host, long pid, String machine, Instant time) {
        return RepositoryLock.live(new RepositoryLock.Holder(RepositoryLock.Kind.SHARED, host, pid, machine, time, null),
                java.time.Clock.systemUTC());
    }

    @Test
    void aForgedLockIsIgnoredAndAStaleOneRemovedByPrune() throws IOException {
        Repository repository = Repository.init(store, new TestKeyWrap(1), PARAMS);
        byte[] forged = "{\"kind\":\"EXCLUSIVE\"}".getBytes();
        store.put(BlobName.lock(ContentAddress.of(forged)), forged);
        RepositoryLock stale = RepositoryLock.acquire(store, repository.key().sealer(), RepositoryLock.Kind.EXCLUSIVE,
                Duration.ZERO, java.time.Clock.offset(java.time.Clock.systemUTC(), RepositoryLock.STALE.multipliedBy(-2)));
        String staleName = stale.name();
        byte[] left;
        try (InputStream in = store.get(staleName)) {
            left = in.readAllBytes();
        }
        stale.close();
        store.put(staleName, left); // what a holder killed an hour ago leaves

        backUp(repository, "day1", data(1000, 19));
        Repository.open(store, new TestKeyWrap(1)).prune(options(20));

        assertThat(store.exists(staleName)).isFalse();
    }

    /** Backups and prunes started together on the same store, many times: all succeed, and every snapshot reads back. */
    @Test
    void backupsAndPrunesAtOnceBothSucceedAndLoseNothing() throws Exception {
        Repository.init(store, new TestKeyWrap(1), PARAMS);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            AtomicInteger day = new AtomicInteger();
            for (int round = 0; round < 8; round++) {
                List<String> old = new ArrayList<>(kept.keySet());
                if (old.size() > 2) {
                    forget(Repository.open(store, new TestKeyWrap(1)).snapshots().get(0));
                }
                String id = "day" + day.incrementAndGet();
                byte[] bytes = data(300_000, 100 + round);
                Future<?> backup = pool.submit(() -> backUp(Repository.open(store, new TestKeyWrap(1)), id, bytes));
                Future<?> prune = pool.submit(() -> Repository.open(store, new TestKeyWrap(1))
                        .prune(options(20).withLockWait(Duration.ofSeconds(60))));
                backup.get();
                prune.get();
                assertKeptSnapshotsReadBack();
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(Repository.open(store, new TestKeyWrap(1)).check().ok()).isTrue();
    }

    private Snapshot backUp(Repository repository, String id, byte[] bytes) throws IOException {
        try (Backup backup = repository.newBackup(backupOptions())) {
            backup.add(TreeEntry.file("dump", 0600, T0, backup.write(new ByteArrayInputStream(bytes))));
            Snapshot snapshot = backup.commit(new SnapshotInfo("postgres", id, T0, T0.plusSeconds(kept.size()), Snapshot.Kind.STREAM,
                    Map.of()));
            synchronized (kept) {
                kept.put(id, bytes);
            }
            return snapshot;
        }
    }

    private void forget(Snapshot snapshot) throws IOException {
        store.delete(snapshot.objectName());
        synchronized (kept) {
            kept.remove(snapshot.info().backupId());
        }
    }

    private void assertKeptSnapshotsReadBack() throws IOException {
        assertKeptSnapshotsReadBack(store);
    }

    private void assertKeptSnapshotsReadBack(BlobStore where) throws IOException {
        Repository repository = Repository.open(where, new TestKeyWrap(1));
        Map<String, byte[]> expected;
        synchronized (kept) {
            expected = new LinkedHashMap<>(kept);
        }
        List<Snapshot> snapshots = repository.snapshots();
        assertThat(snapshots).extracting(s -> s.info().backupId()).containsExactlyInAnyOrderElementsOf(expected.keySet());
        for (Snapshot snapshot : snapshots) {
            try (InputStream in = repository.read(snapshot)) {
                assertThat(in.readAllBytes()).as(snapshot.info().backupId()).isEqualTo(expected.get(snapshot.info().backupId()));
            }
        }
    }

    private Map<String, Long> objects() throws IOException {
        Map<String, Long> all = new TreeMap<>();
        for (String folder : List.of(BlobName.DATA, BlobName.INDEX, BlobName.SNAPSHOTS, BlobName.KEYS, BlobName.LOCKS)) {
            store.list(folder).forEach(b -> all.put(b.name(), b.size()));
        }
        return all;
    }

    private long packBytes() throws IOException {
        return store.list(BlobName.DATA).stream().mapToLong(BlobStore.Blob::size).sum();
    }

    private int countChanges(MemoryBlobStore pristine) throws IOException {
        return countChanges(pristine, new TestKeyWrap(1));
    }

    private int countChanges(MemoryBlobStore pristine, KeyWrap wrap) throws IOException {
        MemoryBlobStore trial = copy(pristine);
        StoppingStore counting = new StoppingStore(trial, Integer.MAX_VALUE);
        Repository.open(counting, wrap).prune(options(1));
        return counting.changes;
    }

    private static void assertReadsBack(BlobStore where, KeyWrap wrap, Map<String, byte[]> expected) throws IOException {
        Repository repository = Repository.open(where, wrap);
        List<Snapshot> snapshots = repository.snapshots();
        assertThat(snapshots).extracting(s -> s.info().backupId()).containsExactlyInAnyOrderElementsOf(expected.keySet());
        for (Snapshot snapshot : snapshots) {
            try (InputStream in = repository.read(snapshot)) {
                assertThat(in.readAllBytes()).as(snapshot.info().backupId()).isEqualTo(expected.get(snapshot.info().backupId()));
            }
        }
    }

    private static MemoryBlobStore copy(MemoryBlobStore from) throws IOException {
        MemoryBlobStore to = new MemoryBlobStore();
        for (String folder : List.of(BlobName.DATA, BlobName.INDEX, BlobName.SNAPSHOTS, BlobName.KEYS, BlobName.LOCKS)) {
            for (BlobStore.Blob b : from.list(folder)) {
                try (InputStream in = from.get(b.name())) {
                    to.put(b.name(), in.readAllBytes());
                }
            }
        }
        return to;
    }

    /** Fails every write and deletion from the {@code stopAt}-th on (counting from 0), lock objects aside. */
    private static final class StoppingStore extends ForwardingBlobStore {
        private final int stopAt;
        int changes;

        StoppingStore(BlobStore delegate, int stopAt) {
            super(delegate);
            this.stopAt = stopAt;
        }

        private void change(String name) throws IOException {
            if (name.startsWith(BlobName.LOCKS)) {
                return;
            }
            if (changes++ >= stopAt) {
                throw new IOException("stopped before changing " + name);
            }
        }

        @Override
        public void put(String name, Path file) throws IOException {
            change(name);
            super.put(name, file);
        }

        @Override
        public void put(String name, byte[] bytes) throws IOException {
            change(name);
            super.put(name, bytes);
        }

        @Override
        public void delete(String name) throws IOException {
            change(name);
            super.delete(name);
        }
    }

    private PruneOptions options(int repackPercent) {
        return new PruneOptions(false, repackPercent, 64 * 1024, spool, Duration.ZERO, java.util.Set.of());
    }

    private PruneOptions dryRun() {
        return new PruneOptions(true, 20, 64 * 1024, spool, Duration.ZERO, java.util.Set.of());
    }

    private BackupOptions backupOptions() {
        return BackupOptions.of(Compression.ZSTD).withPackSize(64 * 1024).withSpool(spool).withLockWait(Duration.ofSeconds(30));
    }

    private static byte[] data(int size, long seed) {
        return ChunkerTest.random(size, seed);
    }

    /** A copy with a few scattered ranges rewritten and a tail added: most chunks shared, some not. */
    private static byte[] changed(byte[] from, long seed) {
        byte[] out = java.util.Arrays.copyOf(from, from.length + 100_000);
        byte[] fresh = ChunkerTest.random(out.length, seed);
        for (int at = 50_000; at < out.length; at += 400_000) {
            System.arraycopy(fresh, at, out, at, Math.min(60_000, out.length - at));
        }
        System.arraycopy(fresh, from.length, out, from.length, 100_000);
        return out;
    }
}
