package dev.backroute.repository;

import dev.backroute.pipeline.Compression;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.HashSet;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RepositoryTest {
    private static final ChunkerParams PARAMS = new ChunkerParams(4096, 16384, 65536);
    private static final Instant T0 = Instant.parse("2026-12-05T12:00:00Z");

    @TempDir
    Path spool;

    private final MemoryBlobStore store = new MemoryBlobStore();

    @ParameterizedTest
    @ValueSource(booleans = {true, false})
    void aStreamComesBackByteForByte(boolean encrypted) throws IOException {
        Repository repository = Repository.init(store, encrypted ? new TestKeyWrap(1) : null, PARAMS);
        byte[] data = mixed(3_000_000, 1);
        Snapshot written = backUpStream(repository, data, "postgres_20261205_120000");

        Repository reopened = Repository.open(store, encrypted ? new TestKeyWrap(1) : null);
        List<Snapshot> snapshots = reopened.snapshots();
        assertThat(snapshots).containsExactly(written);
        Snapshot snapshot = snapshots.get(0);
        assertThat(snapshot.info().backupId()).isEqualTo("postgres_20261205_120000");
        assertThat(snapshot.info().source()).isEqualTo(Map.of("database", "movies"));
        assertThat(snapshot.totalBytes()).isEqualTo(data.length);
        // Everything is new, apart from repeats within the repetitive half (and the tree's bytes come on top).
        assertThat(snapshot.added().bytes()).isBetween(data.length / 2L, data.length + 100_000L);
        assertThat(snapshot.added().packs()).isGreaterThan(5);
        try (InputStream in = reopened.read(snapshot)) {
            assertThat(in.readAllBytes()).isEqualTo(data);
        }
        CheckReport report = reopened.check();
        assertThat(report.problems()).isEmpty();
        assertThat(report.notes()).isEmpty();
        assertThat(report.snapshots()).isEqualTo(1);
        assertThat(report.packs()).isEqualTo((int) snapshot.added().packs());
    }

    @Test
    void aRepositoryInALocalFolderRoundTrips(@TempDir Path folder) throws IOException {
        LocalBlobStore local = new LocalBlobStore(folder);
        byte[] data = mixed(1_000_000, 14);
        Snapshot snapshot = backUpStream(Repository.init(local, new TestKeyWrap(1), PARAMS), data, "b");
        Repository reopened = Repository.open(local, new TestKeyWrap(1));
        try (InputStream in = reopened.read(reopened.snapshot(snapshot.name()))) {
            assertThat(in.readAllBytes()).isEqualTo(data);
        }
        assertThat(reopened.check().ok()).isTrue();
    }

    /**
     * 256 MB through a backup (two encoding threads) and a restore in a JVM with a 128 MB heap: memory does not
     * grow with the data. It usually passes in 80 MB; 128 leaves room for G1, which rounds every array of a
     * megabyte or more up to whole regions and does not move them.
     */
    @Test
    void aBackupAndARestoreLargerThanTheHeapFit(@TempDir Path dir) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process p = new ProcessBuilder(java, "-Xmx128m", "-XX:+ExitOnOutOfMemoryError", "-cp", System.getProperty("java.class.path"),
                LargerThanHeapProbe.class.getName(), "268435456", dir.toString())
                .redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes());
        assertThat(p.waitFor(10, TimeUnit.MINUTES)).isTrue();
        assertThat(p.exitValue()).as(output).isZero();
        assertThat(output).contains("ok 268435456 bytes");
    }

    @Test
    void anEncryptedRepositoryStoresNoPlaintext() throws IOException {
        Repository repository = Repository.init(store, new TestKeyWrap(1), PARAMS);
        byte[] data = "a recognisable sentence about movies\n".repeat(20_000).getBytes();
        backUpStream(repository, data, "b1");
        for (BlobStore.Blob blob : store.list("")) {
            assertThat(new String(store.get(blob.name()).readAllBytes(), StandardCharsets.ISO_8859_1))
                    .as(blob.name()).doesNotContain("recognisable").doesNotContain("postgres");
        }
    }

    @Test
    void aFileTreeComesBackEntryByEntry() throws IOException {
        Repository repository = Repository.init(store, new TestKeyWrap(1), PARAMS);
        // Random, so one copy costs all its bytes and a second one stored again would double them.
        byte[] big = ChunkerTest.random(500_000, 2);
        List<TreeEntry> entries = new ArrayList<>();
        Snapshot snapshot;
        try (Backup backup = repository.newBackup(options())) {
            entries.add(TreeEntry.directory("data", 0755, T0));
            entries.add(TreeEntry.file("data/big.bin", 0644, T0.plusNanos(123), backup.write(new ByteArrayInputStream(big))));
            entries.add(TreeEntry.file("data/empty", 0600, T0, backup.write(InputStream.nullInputStream())));
            entries.add(TreeEntry.file("data/copy.bin", 0644, T0, backup.write(new ByteArrayInputStream(big))));
            entries.add(TreeEntry.symlink("data/latest", 0777, T0, "big.bin"));
            for (TreeEntry e : entries) {
                backup.add(e);
            }
            snapshot = backup.commit(info("data_files_1", Snapshot.Kind.FILES));
        }
        assertThat(snapshot.entries()).isEqualTo(5);
        assertThat(snapshot.totalBytes()).isEqualTo(2L * big.length);
        assertThat(snapshot.added().bytes()).as("the copy is stored once").isLessThan(big.length + 100_000L);

        Repository reopened = Repository.open(store, new TestKeyWrap(1));
        List<TreeEntry> read = new ArrayList<>();
        try (TreeReader tree = reopened.tree(reopened.snapshot(snapshot.name()))) {
            for (TreeEntry e = tree.next(); e != null; e = tree.next()) {
                read.add(e);
            }
        }
        assertThat(read).isEqualTo(entries);
        try (InputStream in = reopened.read(read.get(3))) {
            assertThat(in.readAllBytes()).isEqualTo(big);
        }
        try (InputStream in = reopened.read(read.get(2))) {
            assertThat(in.readAllBytes()).isEmpty();
        }
    }

    @Test
    void aTreeOfManyFilesIsStoredInChunksNotInTheSnapshot() throws IOException {
        Repository repository = Repository.init(store, null, PARAMS);
        Snapshot snapshot;
        try (Backup backup = repository.newBackup(options())) {
            StoredStream small = backup.write(new ByteArrayInputStream("same content".getBytes()));
            for (int i = 0; i < 20_000; i++) {
                backup.add(TreeEntry.file("dir" + (i % 100) + "/file-" + i + ".txt", 0644, T0, small));
            }
            snapshot = backup.commit(info("data_files_2", Snapshot.Kind.FILES));
        }
        assertThat(snapshot.tree().chunks().size()).isGreaterThan(10);
        assertThat(store.size(snapshot.objectName())).as("snapshot object").isLessThan(snapshot.tree().size() / 20);
        long count = 0;
        try (TreeReader tree = repository.tree(snapshot)) {
            for (TreeEntry e = tree.next(); e != null; e = tree.next()) {
                assertThat(e.path()).isEqualTo("dir" + (count % 100) + "/file-" + count + ".txt");
                count++;
            }
        }
        assertThat(count).isEqualTo(20_000);
    }

    @Test
    void chunksEncodedOnFourThreadsAreTheSameAndStoredOnce() throws IOException {
        Repository repository = Repository.init(store, new TestKeyWrap(1), PARAMS);
        byte[] block = ChunkerTest.random(300_000, 17);
        byte[] data = new byte[4 * block.length];
        for (int i = 0; i < 4; i++) {
            System.arraycopy(block, 0, data, i * block.length, block.length);
        }
        StoredStream parallel;
        try (Backup backup = repository.newBackup(options().withThreads(4))) {
            parallel = backup.write(new ByteArrayInputStream(data));
            backup.add(TreeEntry.file("dump", 0600, T0, parallel));
            backup.commit(info("parallel", Snapshot.Kind.STREAM));
        }
        Set<ChunkId> stored = new HashSet<>();
        List<ChunkId> all = new ArrayList<>();
        PackReader reader = new PackReader(store, repository.key());
        for (BlobStore.Blob pack : store.list(BlobName.DATA)) {
            reader.header(pack.name()).forEach(e -> {
                stored.add(e.id());
                all.add(e.id());
            });
        }
        assertThat(all).as("no chunk stored twice, though its copies were in flight together").hasSameSizeAs(stored);
        assertThat(stored).containsAll(parallel.chunks());

        Snapshot sequential = backUpStream(repository, data, "sequential");
        assertThat(sequential.added().chunks()).as("the same chunks, and so the same tree").isZero();
        try (TreeReader tree = repository.tree(sequential)) {
            assertThat(tree.next().chunks()).isEqualTo(parallel.chunks());
        }
        try (InputStream in = repository.read(sequential)) {
            assertThat(in.readAllBytes()).isEqualTo(data);
        }
    }

    @Test
    void backingUpTheSameDataTwiceAddsNoPack() throws IOException {
        Repository repository = Repository.init(store, new TestKeyWrap(1), PARAMS);
        byte[] data = mixed(2_000_000, 3);
        backUpStream(repository, data, "first");
        List<BlobStore.Blob> packs = store.list(BlobName.DATA);

        Snapshot second = backUpStream(Repository.open(store, new TestKeyWrap(1)), data, "second");
        assertThat(store.list(BlobName.DATA)).containsExactlyInAnyOrderElementsOf(packs);
        assertThat(second.added()).isEqualTo(new Snapshot.Added(0, 0, 0, 0));
        assertThat(store.list(BlobName.SNAPSHOTS)).hasSize(2);
    }

    @Test
    void aOneByteChangeAddsAboutOneChunk() throws IOException {
        Repository repository = Repository.init(store, new TestKeyWrap(1), PARAMS);
        byte[] data = mixed(2_000_000, 4);
        Snapshot first = backUpStream(repository, data, "first");
        byte[] changed = data.clone();
        changed[1_000_000] ^= 0x55;

        Snapshot second = backUpStream(repository, changed, "second");
        assertThat(first.added().chunks()).isGreaterThan(60);
        // The changed chunk, the tree's chunk that lists it, and when the byte moved a cut point the chunks until
        // the cuts meet again: usually one, rarely up to three with a random chunker key (about 1 run in 150).
        assertThat(second.added().chunks()).isBetween(2L, 5L);
        assertThat(second.added().bytes()).isLessThanOrEqualTo(3L * PARAMS.max());
        try (InputStream in = repository.read(second)) {
            assertThat(in.readAllBytes()).isEqualTo(changed);
        }
    }

    @ParameterizedTest
    @ValueSource(booleans = {true, false})
    void aFlippedByteInAPackIsCaughtByReadAndCheck(boolean encrypted) throws IOException {
        KeyWrap wrap = encrypted ? new TestKeyWrap(1) : null;
        Repository repository = Repository.init(store, wrap, PARAMS);
        byte[] data = ChunkerTest.random(1_000_000, 5);
        Snapshot snapshot = backUpStream(repository, data, "b");
        String pack = store.list(BlobName.DATA).get(0).name();
        byte[] bytes = store.get(pack).readAllBytes();
        bytes[100] ^= 1;
        store.put(pack, bytes);

        Repository reopened = Repository.open(store, wrap);
        assertReadFailsWithoutWrongBytes(reopened, snapshot, data, "in " + pack + " is damaged or was replaced: it fails "
                + (encrypted ? "authentication" : "its checksum"));
        assertThat(reopened.check().problems()).isNotEmpty().allSatisfy(p -> assertThat(p).contains(pack));
    }

    @Test
    void aTruncatedPackIsCaughtByReadAndCheck() throws IOException {
        Repository repository = Repository.init(store, new TestKeyWrap(1), PARAMS);
        byte[] data = ChunkerTest.random(1_000_000, 6);
        Snapshot snapshot = backUpStream(repository, data, "b");
        String pack = store.list(BlobName.DATA).get(0).name();
        byte[] bytes = store.get(pack).readAllBytes();
        store.put(pack, Arrays.copyOf(bytes, bytes.length / 3));

        Repository reopened = Repository.open(store, new TestKeyWrap(1));
        assertReadFailsWithoutWrongBytes(reopened, snapshot, data, "pack " + pack + " is damaged: ");
        // The pack may also hold the tree's chunk, and then the snapshot's check fails on it as well.
        assertThat(reopened.check().problems()).isNotEmpty().allSatisfy(p -> assertThat(p).contains(pack))
                .anySatisfy(p -> assertThat(p).startsWith("pack " + pack + " is damaged: "));
    }

    @Test
    void aPackCutShortOnlyInItsHeaderStillReadsButFailsCheckPacks() throws IOException {
        Repository repository = Repository.init(store, new TestKeyWrap(1), PARAMS);
        byte[] data = ChunkerTest.random(1_000_000, 6);
        Snapshot snapshot = backUpStream(repository, data, "b");
        assertThatCode(() -> repository.checkPacks(snapshot)).as("intact").doesNotThrowAnyException();
        String pack = store.list(BlobName.DATA).get(0).name();
        byte[] bytes = store.get(pack).readAllBytes();
        store.put(pack, Arrays.copyOf(bytes, bytes.length - 17));

        Repository reopened = Repository.open(store, new TestKeyWrap(1));
        try (InputStream in = reopened.read(snapshot)) {
            assertThat(in.readAllBytes()).as("every chunk is intact: only the header was cut").isEqualTo(data);
        }
        assertThatThrownBy(() -> reopened.checkPacks(snapshot)).isInstanceOf(RepositoryCorruptException.class)
                .hasMessageStartingWith("pack " + pack + " is damaged: ");
    }

    @Test
    void twoPacksWithSwappedNamesAreCaughtByReadAndCheck() throws IOException {
        Repository repository = Repository.init(store, new TestKeyWrap(1), PARAMS);
        byte[] data = ChunkerTest.random(1_000_000, 7);
        Snapshot snapshot = backUpStream(repository, data, "b");
        List<BlobStore.Blob> packs = store.list(BlobName.DATA);
        String a = packs.get(0).name();
        String b = packs.get(1).name();
        byte[] bytesA = store.get(a).readAllBytes();
        store.put(a, store.get(b).readAllBytes());
        store.put(b, bytesA);

        Repository reopened = Repository.open(store, new TestKeyWrap(1));
        assertReadFailsWithoutWrongBytes(reopened, snapshot, data, "is damaged or was replaced: it fails authentication");
        assertThat(reopened.check().problems()).filteredOn(p -> p.startsWith("pack "))
                .hasSize(2).allSatisfy(p -> assertThat(p).matches("pack (" + a + "|" + b + ") is damaged: .*"));
    }

    @Test
    void aFlippedByteInAnIndexFileStopsTheOpen() throws IOException {
        Repository repository = Repository.init(store, new TestKeyWrap(1), PARAMS);
        backUpStream(repository, ChunkerTest.random(300_000, 8), "b");
        String index = store.list(BlobName.INDEX).get(0).name();
        byte[] bytes = store.get(index).readAllBytes();
        bytes[bytes.length / 2] ^= 1;
        store.put(index, bytes);
        assertThatThrownBy(() -> Repository.open(store, new TestKeyWrap(1)))
                .isInstanceOf(RepositoryCorruptException.class)
                .hasMessage("index file " + index + " is damaged or was replaced: its content does not match its name");
    }

    @Test
    void aForgedIndexFileFailsAuthentication() throws IOException {
        Repository repository = Repository.init(store, new TestKeyWrap(1), PARAMS);
        backUpStream(repository, ChunkerTest.random(300_000, 8), "b");
        String index = store.list(BlobName.INDEX).get(0).name();
        byte[] bytes = store.get(index).readAllBytes();
        bytes[bytes.length / 2] ^= 1;
        store.delete(index);
        String forged = BlobName.index(ContentAddress.of(bytes));
        store.put(forged, bytes);
        assertThatThrownBy(() -> Repository.open(store, new TestKeyWrap(1)))
                .isInstanceOf(RepositoryCorruptException.class)
                .hasMessage("index file " + forged + " fails authentication: it was forged or made with another key");
    }

    /** An unencrypted index is only checksummed: whoever writes the store can forge one, so its positions are checked. */
    @Test
    void aForgedUnencryptedIndexWithANegativeOffsetIsRefusedAsMalformed() throws IOException {
        Repository repository = Repository.init(store, null, PARAMS);
        String forged = IndexFile.write(store, repository.key().sealer(), Map.of("ab".repeat(32),
                List.of(new PackEntry(ChunkId.of(new byte[ChunkId.BYTES]), -1, 100, 100, (byte) 0))));

        assertThatThrownBy(() -> Repository.open(store, null))
                .isInstanceOf(RepositoryCorruptException.class)
                .hasMessage("index file " + forged + " is malformed");
    }

    @ParameterizedTest
    @ValueSource(booleans = {true, false})
    void twoSnapshotsWithSwappedNamesAreNeverReturned(boolean encrypted) throws IOException {
        Repository repository = Repository.init(store, encrypted ? new TestKeyWrap(1) : null, PARAMS);
        Snapshot first = backUpStream(repository, ChunkerTest.random(100_000, 9), "first");
        Snapshot second = backUpStream(repository, ChunkerTest.random(100_000, 10), "second");
        byte[] firstBytes = store.get(first.objectName()).readAllBytes();
        store.put(first.objectName(), store.get(second.objectName()).readAllBytes());
        store.put(second.objectName(), firstBytes);

        assertThatThrownBy(() -> repository.snapshot(first.name()))
                .isInstanceOf(RepositoryCorruptException.class)
                .hasMessage("snapshot " + first.objectName() + " is damaged or was replaced: its content does not match its name");
        assertThatThrownBy(repository::snapshots).isInstanceOf(RepositoryCorruptException.class);
        assertThat(repository.check().problems()).containsExactlyInAnyOrder(
                "snapshot " + first.objectName() + " is damaged or was replaced: its content does not match its name",
                "snapshot " + second.objectName() + " is damaged or was replaced: its content does not match its name");
    }

    @Test
    void aForgedSnapshotFailsAuthentication() throws IOException {
        Repository repository = Repository.init(store, new TestKeyWrap(1), PARAMS);
        Snapshot snapshot = backUpStream(repository, ChunkerTest.random(100_000, 11), "b");
        byte[] bytes = store.get(snapshot.objectName()).readAllBytes();
        bytes[20] ^= 1;
        store.delete(snapshot.objectName());
        String forged = ContentAddress.of(bytes);
        store.put(BlobName.snapshot(forged), bytes);
        assertThatThrownBy(() -> repository.snapshot(forged))
                .isInstanceOf(RepositoryCorruptException.class)
                .hasMessage("snapshot snapshots/" + forged + " fails authentication: it was forged or made with another key");
    }

    @Test
    void packsOfABackupThatNeverCommittedAreReusedByTheNext() throws IOException {
        FailingStore failing = new FailingStore(store);
        Repository repository = Repository.init(failing, new TestKeyWrap(1), PARAMS);
        byte[] data = mixed(1_500_000, 12);
        failing.refuse = BlobName.INDEX;
        assertThatThrownBy(() -> backUpStream(repository, data, "interrupted")).hasMessage("storage refused index/");
        assertThatThrownBy(() -> repository.newBackup(options()))
                .hasMessage("an earlier backup could not index its packs: open the repository again");
        List<BlobStore.Blob> packs = store.list(BlobName.DATA);
        assertThat(packs).isNotEmpty();
        assertThat(store.list(BlobName.INDEX)).isEmpty();
        assertThat(store.list(BlobName.SNAPSHOTS)).isEmpty();

        failing.refuse = null;
        Repository reopened = Repository.open(store, new TestKeyWrap(1));
        assertThat(reopened.check().notes()).isEmpty();
        Snapshot snapshot = backUpStream(reopened, data, "retried");
        assertThat(snapshot.added().chunks()).isZero();
        assertThat(store.list(BlobName.DATA)).containsExactlyInAnyOrderElementsOf(packs);
        Repository again = Repository.open(store, new TestKeyWrap(1));
        assertThat(again.check().problems()).isEmpty();
        try (InputStream in = again.read(again.snapshot(snapshot.name()))) {
            assertThat(in.readAllBytes()).isEqualTo(data);
        }
    }

    @Test
    void withEveryIndexFileGoneThePackHeadersRebuildTheIndex() throws IOException {
        Repository repository = Repository.init(store, new TestKeyWrap(1), PARAMS);
        byte[] data = mixed(1_000_000, 15);
        Snapshot snapshot = backUpStream(repository, data, "b");
        for (BlobStore.Blob index : store.list(BlobName.INDEX)) {
            store.delete(index.name());
        }

        Repository reopened = Repository.open(store, new TestKeyWrap(1));
        try (InputStream in = reopened.read(reopened.snapshot(snapshot.name()))) {
            assertThat(in.readAllBytes()).isEqualTo(data);
        }
        assertThat(backUpStream(reopened, data, "again").added().chunks()).isZero();
        assertThat(store.list(BlobName.INDEX)).as("the next backup indexed the packs again").hasSize(1);
        assertThat(Repository.open(store, new TestKeyWrap(1)).check().problems()).isEmpty();
    }

    @Test
    void aLeftoverPackWithABrokenHeaderIsReportedButHarmless() throws IOException {
        Repository repository = Repository.init(store, new TestKeyWrap(1), PARAMS);
        byte[] data = mixed(300_000, 16);
        Snapshot snapshot = backUpStream(repository, data, "b");
        String stray = BlobName.pack(ContentAddress.of(new byte[] {1, 2, 3, 4, 5}));
        store.put(stray, new byte[] {1, 2, 3, 4, 5});

        Repository reopened = Repository.open(store, new TestKeyWrap(1));
        CheckReport report = reopened.check();
        assertThat(report.problems()).isEmpty();
        assertThat(report.notes()).containsExactly(
                "pack " + stray + " holds no chunk the index uses (left by an interrupted backup, or a duplicate)");
        try (InputStream in = reopened.read(snapshot)) {
            assertThat(in.readAllBytes()).isEqualTo(data);
        }
    }

    @Test
    void aTreeEntryMayOnlyNameStoredChunks() throws IOException {
        Repository repository = Repository.init(store, null, PARAMS);
        ChunkId unknown = ChunkIndexTest.randomId(new Random(13));
        try (Backup backup = repository.newBackup(options())) {
            assertThatThrownBy(() -> backup.add(TreeEntry.file("a", 0644, T0, new StoredStream(List.of(unknown), 10))))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("chunk " + unknown + " of a is not in this repository");
        }
    }

    @Test
    void aStreamSnapshotHoldsExactlyOneFile() throws IOException {
        Repository repository = Repository.init(store, null, PARAMS);
        try (Backup backup = repository.newBackup(options())) {
            backup.add(TreeEntry.directory("d", 0755, T0));
            assertThatThrownBy(() -> backup.commit(info("x", Snapshot.Kind.STREAM)))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessage("a stream snapshot has exactly one file entry, this one has 1 entries");
        }
        assertThat(store.list(BlobName.SNAPSHOTS)).isEmpty();
    }

    /** Whatever comes out before the error is a true prefix of the data: a damaged chunk yields no byte. */
    private static void assertReadFailsWithoutWrongBytes(Repository repository, Snapshot snapshot, byte[] data, String message) {
        ByteArrayOutputStream got = new ByteArrayOutputStream();
        assertThatThrownBy(() -> {
            try (InputStream in = repository.read(snapshot)) {
                byte[] buffer = new byte[4096];
                for (int n = in.read(buffer); n > 0; n = in.read(buffer)) {
                    got.write(buffer, 0, n);
                }
            }
        }).isInstanceOf(RepositoryCorruptException.class).hasMessageContaining(message);
        assertThat(got.toByteArray()).isEqualTo(Arrays.copyOf(data, got.size()));
        assertThat(got.size()).isLessThan(data.length);
    }

    private Snapshot backUpStream(Repository repository, byte[] data, String backupId) throws IOException {
        try (Backup backup = repository.newBackup(options())) {
            backup.add(TreeEntry.file("dump", 0600, T0, backup.write(new ByteArrayInputStream(data))));
            return backup.commit(new SnapshotInfo("postgres", backupId, T0, T0.plusSeconds(1), Snapshot.Kind.STREAM,
                    Map.of("database", "movies")));
        }
    }

    private BackupOptions options() {
        return BackupOptions.of(Compression.ZSTD).withPackSize(128 * 1024).withSpool(spool);
    }

    private static SnapshotInfo info(String backupId, Snapshot.Kind kind) {
        return new SnapshotInfo("data_files", backupId, T0, T0.plusSeconds(1), kind, Map.of());
    }

    /** Half random, half repetitive text: chunks that compress and chunks that do not. */
    private static byte[] mixed(int size, long seed) {
        byte[] data = ChunkerTest.random(size, seed);
        byte[] text = ("line of text " + seed + "\n").getBytes();
        for (int i = 0; i < size / 2; i++) {
            data[i] = text[i % text.length];
        }
        return data;
    }

    @Test
    void packsAreUploadedOnSeveralConnectionsAtOnce() throws IOException {
        CountDownLatch twoAtOnce = new CountDownLatch(2);
        FailingStore meeting = new FailingStore(store) {
            @Override
            public void put(String name, Path file) throws IOException {
                if (name.startsWith(BlobName.DATA)) {
                    twoAtOnce.countDown();
                    try {
                        // One upload at a time would wait here alone until the timeout, and the backup would fail.
                        if (!twoAtOnce.await(60, TimeUnit.SECONDS)) {
                            throw new IOException("no second upload ran beside this one");
                        }
                    } catch (InterruptedException e) {
                        throw new InterruptedIOException();
                    }
                }
                super.put(name, file);
            }
        };
        Repository repository = Repository.init(meeting, new TestKeyWrap(1), PARAMS);
        byte[] data = ChunkerTest.random(2_000_000, 21);
        Snapshot snapshot;
        try (Backup backup = repository.newBackup(options().withUploads(2))) {
            backup.add(TreeEntry.file("dump", 0600, T0, backup.write(new ByteArrayInputStream(data))));
            snapshot = backup.commit(info("uploads", Snapshot.Kind.STREAM));
        }

        assertThat(snapshot.added().packs()).isGreaterThan(2);
        Repository reopened = Repository.open(store, new TestKeyWrap(1));
        try (InputStream in = reopened.read(reopened.snapshot(snapshot.name()))) {
            assertThat(in.readAllBytes()).isEqualTo(data);
        }
        assertThat(reopened.check().ok()).isTrue();
    }

    @Test
    void aFailedPackUploadFailsTheBackupLeavesNoSnapshotAndTheNextOpenBacksUpAgain() throws IOException {
        FailingStore failing = new FailingStore(store);
        Repository repository = Repository.init(failing, new TestKeyWrap(1), PARAMS);
        failing.refuse = BlobName.DATA;
        byte[] data = ChunkerTest.random(1_000_000, 22);

        assertThatThrownBy(() -> {
            try (Backup backup = repository.newBackup(options())) {
                backup.add(TreeEntry.file("dump", 0600, T0, backup.write(new ByteArrayInputStream(data))));
                backup.commit(info("refused", Snapshot.Kind.STREAM));
            }
        }).isInstanceOf(IOException.class).hasMessageContaining("storage refused data/");
        assertThat(store.list(BlobName.SNAPSHOTS)).isEmpty();
        // Its in-memory index knows chunks that were never stored: that object is done with.
        assertThatThrownBy(() -> repository.newBackup(options())).hasMessageContaining("open the repository again");

        failing.refuse = null;
        Snapshot snapshot = backUpStream(Repository.open(failing, new TestKeyWrap(1)), data, "again");
        Repository reopened = Repository.open(store, new TestKeyWrap(1));
        try (InputStream in = reopened.read(reopened.snapshot(snapshot.name()))) {
            assertThat(in.readAllBytes()).isEqualTo(data);
        }
        assertThat(reopened.check().ok()).isTrue();
    }

    @Test
    void anIndexEntryLongerThanAnyStoredChunkIsRefusedAsMalformed() throws IOException {
        Repository.init(store, null, PARAMS);
        // An unencrypted index is only checksummed: anyone who can write the storage can make one.
        IndexFile.write(store, new ChecksumSealer(), Map.of("ab" + "c".repeat(62),
                List.of(new PackEntry(ChunkId.of(new byte[ChunkId.BYTES]), 0, PARAMS.max() + 1 + 32 + 1, 10, (byte) 0))));

        assertThatThrownBy(() -> Repository.open(store, null)).isInstanceOf(RepositoryCorruptException.class)
                .hasMessageEndingWith("is malformed");
    }

    /** Fails puts under one prefix, as a target that goes away mid-backup. */
    private static class FailingStore extends ForwardingBlobStore {
        String refuse;

        FailingStore(BlobStore delegate) {
            super(delegate);
        }

        @Override
        public void put(String name, Path file) throws IOException {
            check(name);
            super.put(name, file);
        }

        @Override
        public void put(String name, byte[] bytes) throws IOException {
            check(name);
            super.put(name, bytes);
        }

        private void check(String name) throws IOException {
            if (refuse != null && name.startsWith(refuse)) {
                throw new IOException("storage refused " + refuse);
            }
        }
    }
}
