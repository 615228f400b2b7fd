package dev.backroute.repository;

import dev.backroute.pipeline.Compression;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * What every {@link BlobStore} must do, as {@link Repository} relies on it: whole and ranged reads, sizes,
 * listings by folder with sizes, deletes, a clear "not found", names of any other shape refused before the
 * storage is asked, listings that pass over whatever the repository did not write, and a repository round trip.
 * A store's test extends this; every test method gets a fresh instance, and so a fresh place in the storage.
 */
public abstract class BlobStoreContract {
    private static final String A = "a".repeat(64);
    private static final String B = "ab" + "c".repeat(62);
    private static final String C = "cd" + "e".repeat(62);
    private static final ChunkerParams SMALL_CHUNKS = new ChunkerParams(64 * 1024, 256 * 1024, 1024 * 1024);

    @TempDir
    protected Path dir;

    /** The repository of {@code type} on a target that this test has to itself. */
    protected abstract BlobStore repositoryOf(String type) throws Exception;

    /**
     * Writes {@code bytes} at {@code path} below the type's folder on the same target, past the store, as
     * anyone who can write the storage could (e.g. {@code repository/data/ab/notes.txt}, or an archive file
     * beside the repository).
     */
    protected abstract void plant(String type, String path, byte[] bytes) throws Exception;

    /** A file this size goes up in more than one part or block where the target has parts (S3: part_size_mb). */
    protected long largeFileBytes() {
        return 3L * 1024 * 1024 + 5;
    }

    /** Packs of the round trip: above the target's part size, so a pack too goes up in parts. */
    protected int packBytes() {
        return 6 * 1024 * 1024;
    }

    @Test
    public void bytesComeBackWholeAndInRanges() throws Exception {
        BlobStore store = repositoryOf("logs");
        store.put(BlobName.pack(B), ascii("0123456789"));

        assertThat(text(store.get(BlobName.pack(B)))).isEqualTo("0123456789");
        assertThat(text(store.get(BlobName.pack(B), 3, 4))).isEqualTo("3456");
        assertThat(text(store.get(BlobName.pack(B), 0, 1))).isEqualTo("0");
        assertThat(text(store.get(BlobName.pack(B), 8, 10))).as("a range past the end is cut").isEqualTo("89");
        assertThat(text(store.get(BlobName.pack(B), 10, 4))).as("a range from the end").isEmpty();
        assertThat(text(store.get(BlobName.pack(B), 25, 4))).as("a range beyond the end").isEmpty();
        assertThat(text(store.get(BlobName.pack(B), 4, 0))).isEmpty();
        assertThat(store.size(BlobName.pack(B))).isEqualTo(10);
    }

    @Test
    public void aLargeFileIsStoredFromDiskAndReadBackWholeAndAcrossItsParts() throws Exception {
        BlobStore store = repositoryOf("logs");
        Path file = dir.resolve("pack");
        byte[] data = random(largeFileBytes(), 1);
        Files.write(file, data);

        store.put(BlobName.pack(B), file);

        assertThat(file).as("put leaves the file alone").exists();
        assertThat(store.size(BlobName.pack(B))).isEqualTo(data.length);
        try (InputStream in = store.get(BlobName.pack(B))) {
            assertThat(in.readAllBytes()).isEqualTo(data);
        }
        int middle = data.length / 2 - 1000;
        try (InputStream in = store.get(BlobName.pack(B), middle, 2 * 1024 * 1024)) {
            assertThat(in.readAllBytes()).isEqualTo(slice(file, middle, 2 * 1024 * 1024));
        }
        try (InputStream in = store.get(BlobName.pack(B), data.length - 4, 4)) {
            assertThat(in.readAllBytes()).as("the last four bytes, where a pack keeps its header length")
                    .isEqualTo(slice(file, data.length - 4, 4));
        }
    }

    @Test
    public void aSpooledPackIsStoredAndGoneFromTheSpool() throws Exception {
        BlobStore store = repositoryOf("logs");
        Path spooled = Files.write(dir.resolve("spooled"), ascii("pack bytes"));

        store.putAndDelete(BlobName.pack(B), spooled);

        assertThat(text(store.get(BlobName.pack(B)))).isEqualTo("pack bytes");
        assertThat(spooled).doesNotExist();
    }

    @Test
    public void listingsGiveNamesAndSizesFolderByFolder() throws Exception {
        BlobStore store = repositoryOf("logs");
        store.put(BlobName.pack(B), new byte[10]);
        store.put(BlobName.pack(C), new byte[11]);
        store.put(BlobName.index(A), new byte[5]);
        store.put(BlobName.snapshot(A), new byte[3]);
        store.put(BlobName.key(A), new byte[1]);

        assertThat(store.list(BlobName.DATA)).containsExactlyInAnyOrder(
                new BlobStore.Blob("data/ab/" + B, 10), new BlobStore.Blob("data/cd/" + C, 11));
        assertThat(store.list(BlobName.INDEX)).containsExactly(new BlobStore.Blob("index/" + A, 5));
        assertThat(store.list(BlobName.SNAPSHOTS)).containsExactly(new BlobStore.Blob("snapshots/" + A, 3));
        assertThat(store.list(BlobName.KEYS)).containsExactly(new BlobStore.Blob("keys/" + A, 1));
        assertThat(store.list("")).hasSize(5);
    }

    @Test
    public void aMissingObjectIsNoSuchFileAndDeletingItTwiceIsFine() throws Exception {
        BlobStore store = repositoryOf("logs");
        store.put(BlobName.index(A), ascii("index"));
        store.put(BlobName.snapshot(A), ascii("snapshot"));
        assertThat(store.exists(BlobName.index(A))).isTrue();

        store.delete(BlobName.index(A));
        store.delete(BlobName.index(A));

        assertThat(store.exists(BlobName.index(A))).isFalse();
        assertThat(store.exists(BlobName.snapshot(A))).as("only the one object is deleted").isTrue();
        assertThat(store.list(BlobName.INDEX)).isEmpty();
        assertThatThrownBy(() -> store.get(BlobName.index(A))).isInstanceOf(NoSuchFileException.class);
        assertThatThrownBy(() -> store.get(BlobName.index(A), 0, 4)).isInstanceOf(NoSuchFileException.class);
        assertThatThrownBy(() -> store.get(BlobName.index(A), 0, 0)).isInstanceOf(NoSuchFileException.class);
        assertThatThrownBy(() -> store.size(BlobName.index(A))).isInstanceOf(NoSuchFileException.class);
    }

    @Test
    public void namesOfAnyOtherShapeAreRefusedBeforeTheStorageIsAsked() throws Exception {
        BlobStore store = repositoryOf("logs");
        Path file = Files.write(dir.resolve("f"), new byte[1]);

        assertThatThrownBy(() -> store.put("data/../../etc/passwd", new byte[1]))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("not a repository object name: data/../../etc/passwd");
        assertThatThrownBy(() -> store.put("../x_20260101_000000.manifest.json", file)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> store.get("config")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> store.get("data/aa/" + B, 0, 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> store.size("index/" + A.toUpperCase())).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> store.exists("keys/")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> store.delete("../../logs/logs_20260101_000000.manifest.json")).isInstanceOf(IllegalArgumentException.class);
        assertThat(store.list("")).isEmpty();
    }

    @Test
    public void listingsPassOverWhatTheRepositoryDidNotWrite() throws Exception {
        BlobStore store = repositoryOf("logs");
        store.put(BlobName.pack(B), new byte[10]);
        store.put(BlobName.index(A), new byte[5]);
        plant("logs", "repository/data/ab/notes.txt", new byte[1]);
        plant("logs", "repository/data/cd/" + B, new byte[1]);           // filed under the wrong fan-out folder
        plant("logs", "repository/index/" + A.toUpperCase(), new byte[1]);
        plant("logs", "repository/index/" + C + ".tmp", new byte[1]);
        plant("logs", "repository/snapshots/" + C + "/" + A, new byte[1]); // one level too deep
        plant("logs", "repository/config", new byte[1]);
        plant("logs", "repository-old/index/" + C, new byte[1]);         // a sibling folder, not the repository
        plant("logs", "logs_20260101_000000.manifest.json", new byte[1]);  // the archive files beside it

        assertThat(store.list(BlobName.DATA)).containsExactly(new BlobStore.Blob("data/ab/" + B, 10));
        assertThat(store.list(BlobName.INDEX)).containsExactly(new BlobStore.Blob("index/" + A, 5));
        assertThat(store.list(BlobName.SNAPSHOTS)).isEmpty();
        assertThat(store.list("")).extracting(BlobStore.Blob::name).containsExactlyInAnyOrder("data/ab/" + B, "index/" + A);
    }

    @Test
    public void theRepositoriesOfTwoTypesAreApart() throws Exception {
        BlobStore logs = repositoryOf("logs");
        BlobStore logs2 = repositoryOf("logs2");
        logs.put(BlobName.index(A), ascii("of logs"));
        logs2.put(BlobName.index(C), ascii("of logs2"));

        assertThat(logs.list(BlobName.INDEX)).extracting(BlobStore.Blob::name).containsExactly("index/" + A);
        assertThat(logs2.list(BlobName.INDEX)).extracting(BlobStore.Blob::name).containsExactly("index/" + C);
        assertThat(logs2.exists(BlobName.index(A))).isFalse();
        logs2.delete(BlobName.index(A));
        assertThat(text(logs.get(BlobName.index(A)))).isEqualTo("of logs");
    }

    /** Init, a backup of a few MB in packs above the part size, then open, read back and check the repository. */
    @Test
    public void aRepositoryRoundTrips() throws Exception {
        BlobStore store = repositoryOf("postgresql");
        // Enough for more than one pack, whatever the target's pack size.
        byte[] data = random(2L * packBytes() + 123, 2);
        BackupOptions options = BackupOptions.of(Compression.ZSTD).withSpool(dir).withPackSize(packBytes());
        Snapshot written;
        try (Backup backup = Repository.init(store, new TestKeyWrap(3), SMALL_CHUNKS).newBackup(options)) {
            backup.add(TreeEntry.file("dump.sql", 0600, Instant.EPOCH, backup.write(new ByteArrayInputStream(data))));
            written = backup.commit(new SnapshotInfo("postgresql", "postgresql_20261205_120000", Instant.EPOCH,
                    Instant.EPOCH.plusSeconds(1), Snapshot.Kind.STREAM, Map.of()));
        }
        assertThat(written.added().packs()).isGreaterThan(1);

        Repository reopened = Repository.open(store, new TestKeyWrap(3));
        assertThat(reopened.snapshots()).containsExactly(written);
        try (InputStream in = reopened.read(written)) {
            assertThat(in.readAllBytes()).isEqualTo(data);
        }
        CheckReport report = reopened.check();
        assertThat(report.problems()).isEmpty();
        assertThat(report.notes()).isEmpty();
        assertThat(report.packs()).isEqualTo((int) written.added().packs());
        try (Backup again = reopened.newBackup(options)) {
            again.add(TreeEntry.file("dump.sql", 0600, Instant.EPOCH, again.write(new ByteArrayInputStream(data))));
            Snapshot second = again.commit(new SnapshotInfo("postgresql", "postgresql_20261206_120000", Instant.EPOCH,
                    Instant.EPOCH.plusSeconds(2), Snapshot.Kind.STREAM, Map.of()));
            assertThat(second.added().packs()).as("the same data again stores no new pack").isZero();
        }
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    private static String text(InputStream in) throws IOException {
        try (in) {
            return new String(in.readAllBytes(), StandardCharsets.US_ASCII);
        }
    }

    private static byte[] random(long size, long seed) {
        byte[] bytes = new byte[Math.toIntExact(size)];
        new Random(seed).nextBytes(bytes);
        return bytes;
    }

    private static byte[] slice(Path file, long offset, int length) throws IOException {
        try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "r")) {
            byte[] bytes = new byte[(int) Math.min(length, raf.length() - offset)];
            raf.seek(offset);
            raf.readFully(bytes);
            return bytes;
        }
    }
}
