package dev.backroute.restore;

import dev.backroute.archive.PathGlob;
import dev.backroute.archive.PathPatterns;
import dev.backroute.archive.TarExtractor;
import dev.backroute.archive.TarSummary;
import dev.backroute.pipeline.Compression;
import dev.backroute.repository.Backup;
import dev.backroute.repository.BackupOptions;
import dev.backroute.repository.ChunkerParams;
import dev.backroute.repository.ForwardingBlobStore;
import dev.backroute.repository.MemoryBlobStore;
import dev.backroute.repository.Repository;
import dev.backroute.repository.RepositoryCorruptException;
import dev.backroute.repository.Snapshot;
import dev.backroute.repository.SnapshotInfo;
import dev.backroute.repository.TreeDigest;
import dev.backroute.repository.TreeEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A files snapshot read back as the tar stream its backup would have written, refusing what a forged tree could smuggle in. */
class SnapshotTarTest {
    private static final Instant T0 = Instant.parse("2026-12-05T12:00:00Z");

    @TempDir
    Path spool;

    private final MemoryBlobStore store = new MemoryBlobStore();

    @Test
    void aTreeBecomesTheTarOfItsEntriesWithTheirContentAndTheDigestOfTheTree() throws Exception {
        Repository repository = Repository.init(store, null, new ChunkerParams(4096, 16384, 65536));
        byte[] content = "rows\n".repeat(10_000).getBytes(StandardCharsets.UTF_8);
        TreeEntry.Attributes dir = new TreeEntry.Attributes(0750, T0, 1000, 1000, "ops", "ops", T0, 11);
        TreeEntry.Attributes file = new TreeEntry.Attributes(0640, T0.plusSeconds(5), 1000, 1000, "ops", "ops", T0, 12);
        List<TreeEntry> entries = new ArrayList<>();
        Snapshot snapshot = backUp(repository, backup -> {
            entries.add(TreeEntry.directory("data", dir));
            entries.add(TreeEntry.file("data/rows.csv", file, backup.write(new ByteArrayInputStream(content)), sha256(content)));
            entries.add(TreeEntry.symlink("data/latest", dir, "rows.csv"));
            return entries;
        });

        SnapshotTar tar = new SnapshotTar(repository, snapshot);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        tar.writeTo(out);

        try (TarArchiveInputStream in = new TarArchiveInputStream(new ByteArrayInputStream(out.toByteArray()))) {
            TarArchiveEntry d = in.getNextEntry();
            assertThat(d.getName()).isEqualTo("data/");
            assertThat(d.getMode() & 07777).isEqualTo(0750);
            TarArchiveEntry f = in.getNextEntry();
            assertThat(f.getName()).isEqualTo("data/rows.csv");
            assertThat(f.getLastModifiedTime().toInstant()).isEqualTo(T0.plusSeconds(5));
            assertThat(f.getUserName()).isEqualTo("ops");
            assertThat(in.readAllBytes()).isEqualTo(content);
            TarArchiveEntry l = in.getNextEntry();
            assertThat(l.getLinkName()).isEqualTo("rows.csv");
            assertThat(in.getNextEntry()).isNull();
        }
        TarSummary scanned = TarExtractor.scan(new ByteArrayInputStream(out.toByteArray()));
        assertThat(scanned.files()).isEqualTo(1);
        TreeDigest expected = new TreeDigest();
        entries.forEach(expected::add);
        assertThat(tar.digest().hex()).isEqualTo(expected.hex());
        assertThat(tar.digest().contentBytes()).isEqualTo(content.length);
    }

    @Test
    void aSelectionReadsOnlyTheSelectedFilesChunksAndStillDigestsTheWholeTree() throws Exception {
        AtomicLong rangeBytes = new AtomicLong();
        Repository repository = Repository.init(new ForwardingBlobStore(store) {
            @Override
            public InputStream get(String name, long offset, long length) throws IOException {
                rangeBytes.addAndGet(length);
                return super.get(name, offset, length);
            }
        }, null, new ChunkerParams(4096, 16384, 65536));
        byte[] small = random(20_000, 1);
        byte[] big = random(400_000, 2);
        List<TreeEntry> entries = new ArrayList<>();
        Snapshot snapshot = backUp(repository, backup -> {
            entries.add(TreeEntry.directory("data", attributes()));
            entries.add(TreeEntry.file("data/big.bin", attributes(), backup.write(new ByteArrayInputStream(big)), sha256(big)));
            entries.add(TreeEntry.directory("data/keep", attributes()));
            entries.add(TreeEntry.file("data/keep/small.txt", attributes(), backup.write(new ByteArrayInputStream(small)), sha256(small)));
            return entries;
        });
        rangeBytes.set(0);

        SnapshotTar tar = new SnapshotTar(repository, snapshot, new PathPatterns(List.of(PathGlob.of("data/keep")), List.of()));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        tar.writeTo(out);

        List<String> names = new ArrayList<>();
        try (TarArchiveInputStream in = new TarArchiveInputStream(new ByteArrayInputStream(out.toByteArray()))) {
            for (TarArchiveEntry e = in.getNextEntry(); e != null; e = in.getNextEntry()) {
                names.add(e.getName());
                if (e.getName().equals("data/keep/small.txt")) {
                    assertThat(in.readAllBytes()).isEqualTo(small);
                }
            }
        }
        assertThat(names).containsExactly("data/", "data/keep/", "data/keep/small.txt");
        // Random bytes do not compress: reading big.bin's chunks alone would fetch 400,000 bytes.
        assertThat(rangeBytes.get()).as("bytes fetched from packs").isGreaterThan(small.length).isLessThan(small.length + 50_000);
        TreeDigest whole = new TreeDigest();
        entries.forEach(whole::add);
        assertThat(tar.digest().hex()).isEqualTo(whole.hex());
        assertThat(tar.digest().contentBytes()).isEqualTo(small.length + big.length);
    }

    @Test
    void aFileWhoseContentIsNotWhatItsTreeRecordedIsRefused() throws Exception {
        Repository repository = Repository.init(store, null, new ChunkerParams(4096, 16384, 65536));
        byte[] content = "the real bytes\n".getBytes(StandardCharsets.UTF_8);
        Snapshot snapshot = backUp(repository, backup -> List.of(TreeEntry.file("a.txt", attributes(),
                backup.write(new ByteArrayInputStream(content)), sha256("other bytes".getBytes(StandardCharsets.UTF_8)))));

        assertThatThrownBy(() -> new SnapshotTar(repository, snapshot).writeTo(OutputStream.nullOutputStream()))
                .isInstanceOf(RepositoryCorruptException.class)
                .hasMessage("snapshot " + snapshot.name() + ": file a.txt does not match the SHA-256 its tree recorded");
    }

    @Test
    void anAbsolutePathThatATarHeaderWouldQuietlyMakeRelativeIsRefused() throws Exception {
        Repository repository = Repository.init(store, null, new ChunkerParams(4096, 16384, 65536));
        byte[] content = "root:x:0:0\n".getBytes(StandardCharsets.UTF_8);
        Snapshot snapshot = backUp(repository, backup -> List.of(TreeEntry.file("/etc/passwd", attributes(),
                backup.write(new ByteArrayInputStream(content)), sha256(content))));

        assertThatThrownBy(() -> new SnapshotTar(repository, snapshot).writeTo(OutputStream.nullOutputStream()))
                .isInstanceOf(RepositoryCorruptException.class)
                .hasMessage("snapshot " + snapshot.name() + ": entry /etc/passwd has a path no archive may hold");
    }

    private interface Entries {
        List<TreeEntry> of(Backup backup) throws IOException;
    }

    private Snapshot backUp(Repository repository, Entries entries) throws IOException {
        try (Backup backup = repository.newBackup(new BackupOptions(Compression.ZSTD, 3, BackupOptions.DEFAULT_PACK_SIZE, spool, 1, 1, BackupOptions.DEFAULT_LOCK_WAIT))) {
            for (TreeEntry e : entries.of(backup)) {
                backup.add(e);
            }
            return backup.commit(new SnapshotInfo("data_files", "data_files_20261205_120000", T0, T0, Snapshot.Kind.FILES, Map.of()));
        }
    }

    private static TreeEntry.Attributes attributes() {
        return new TreeEntry.Attributes(0644, T0, 0, 0, "root", "root", T0, 1);
    }

    private static byte[] random(int size, long seed) {
        byte[] bytes = new byte[size];
        new Random(seed).nextBytes(bytes);
        return bytes;
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
