package dev.backroute.cli;

import dev.backroute.catalog.BackupRecord;
import dev.backroute.catalog.Manifests;
import dev.backroute.pipeline.Compression;
import dev.backroute.testsupport.Cli;
import dev.backroute.testsupport.Installation;
import dev.backroute.testsupport.SampleTree;
import dev.backroute.testsupport.TreeAssert;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;

import static org.assertj.core.api.Assertions.assertThat;

class RecoveryCommandTest {

    @TempDir
    Path dir;

    private Installation backedUp() throws Exception {
        Installation inst = Installation.in(dir).write("gzip", false);
        SampleTree.create(inst.source());
        assertThat(Cli.withConfig(inst.config(), "backup", "--type", "data_files").exitCode()).isZero();
        return inst;
    }

    @Test
    void nonEmptyDestinationIsRefusedWithoutOverwriteAndLeftUntouched() throws Exception {
        Installation inst = backedUp();
        Path dest = Files.createDirectory(dir.resolve("dest"));
        Files.writeString(dest.resolve("keep.txt"), "precious");

        Cli.Result r = Cli.withConfig(inst.config(), "recover", "--backup-path", "data_files:latest", "--destination", dest.toString());

        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err().strip()).isEqualTo("backroute: error: destination " + dest + " is not empty: choose an empty or new"
                + " directory, or pass --overwrite to replace what the backup contains");
        try (var files = Files.list(dest)) {
            assertThat(files).containsExactly(dest.resolve("keep.txt"));
        }
    }

    @Test
    void overwriteReplacesTheBackedUpEntriesAndKeepsOthers() throws Exception {
        Installation inst = backedUp();
        Path dest = Files.createDirectory(dir.resolve("dest"));
        Files.writeString(dest.resolve("keep.txt"), "precious");
        Files.createDirectories(dest.resolve("src/stale"));

        Cli.Result r = Cli.withConfig(inst.config(), "recover", "--backup-path", "data_files:latest",
                "--destination", dest.toString(), "--overwrite");

        assertThat(r.exitCode()).as(r.all()).isZero();
        TreeAssert.assertSameTree(inst.source(), dest.resolve("src"));
        assertThat(dest.resolve("keep.txt")).hasContent("precious");
    }

    @Test
    void recoversByIdByArtifactPathAndByTypeFolderLatest() throws Exception {
        Installation inst = backedUp();
        Path artifact = FileBackupRoundTripTest.onlyArtifact(inst.typeFolder());
        String id = artifact.getFileName().toString().replaceAll("\\..*", "");

        for (String ref : new String[] {id, artifact.toString(), inst.typeFolder().resolve("latest").toString()}) {
            Path dest = dir.resolve("by-" + Math.abs(ref.hashCode()));
            Cli.Result r = Cli.withConfig(inst.config(), "recover", "--backup-path", ref, "--destination", dest.toString());
            assertThat(r.exitCode()).as(ref + ": " + r.all()).isZero();
            TreeAssert.assertSameTree(inst.source(), dest.resolve("src"));
        }
    }

    @Test
    void unknownBackupIdIsAUsageError() throws Exception {
        Installation inst = backedUp();
        Cli.Result r = Cli.withConfig(inst.config(), "recover", "--backup-path", "data_files_19990101_000000",
                "--destination", dir.resolve("x").toString());
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).contains("no backup with id data_files_19990101_000000").contains("./backroute list --type data_files");
    }

    /**
     * With compression the decompressing thread is still busy (a large entry follows the hostile one) when
     * extraction refuses: the command fails cleanly and leaves no reader thread behind.
     */
    @ParameterizedTest
    @ValueSource(strings = {"none", "gzip", "zstd"})
    void archiveEntryEscapingTheDestinationIsRefusedAndNothingIsWritten(String compressionName) throws Exception {
        Installation inst = backedUp();
        Path artifact = FileBackupRoundTripTest.onlyArtifact(inst.typeFolder());
        String id = artifact.getFileName().toString().replaceAll("\\..*", "");
        Path manifestFile = inst.typeFolder().resolve(id + Manifests.SUFFIX);
        BackupRecord original = Manifests.fromJson(Files.newInputStream(manifestFile), "test");
        // A hostile artifact with a manifest that vouches for it: only the path checks can stop it.
        Compression compression = Compression.fromConfigName(compressionName);
        byte[] tar = maliciousTar();
        var stored = new java.io.ByteArrayOutputStream();
        try (var out = compression.compress(stored, 3, 2)) {
            out.write(tar);
        }
        String name = id + ".tar" + compression.extension();
        Files.delete(artifact);
        Files.write(inst.typeFolder().resolve(name), stored.toByteArray());
        BackupRecord forged = new BackupRecord(1, id, id, "data_files", true, null, original.startedAt(), original.finishedAt(),
                name, tar.length, stored.size(), sha256(stored.toByteArray()), sha256(tar),
                new BackupRecord.CompressionInfo(compressionName, 3), null,
                original.storage(), java.util.Map.of("kind", "files"), "h", "v", null);
        Files.write(manifestFile, Manifests.toJson(forged));

        Path dest = dir.resolve("dest");
        Cli.Result r = Cli.withConfig(inst.config(), "recover", "--backup-path", id, "--destination", dest.toString());

        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.err()).contains("../escaped.txt");
        assertThat(dir.resolve("escaped.txt")).doesNotExist();
        assertThat(dest).doesNotExist();
        assertThat(Thread.getAllStackTraces().keySet()).noneMatch(t -> t.getName().startsWith("backroute-read-ahead") && t.isAlive());
    }

    private static String sha256(byte[] bytes) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }

    private static byte[] maliciousTar() throws Exception {
        var bytes = new java.io.ByteArrayOutputStream();
        try (TarArchiveOutputStream tar = new TarArchiveOutputStream(bytes)) {
            byte[] content = "pwned".getBytes(StandardCharsets.UTF_8);
            TarArchiveEntry e = new TarArchiveEntry("../escaped.txt");
            e.setSize(content.length);
            tar.putArchiveEntry(e);
            tar.write(content);
            tar.closeArchiveEntry();
            byte[] filler = new byte[12 << 20];
            new java.util.SplittableRandom(7).nextBytes(filler);
            TarArchiveEntry big = new TarArchiveEntry("filler.bin");
            big.setSize(filler.length);
            tar.putArchiveEntry(big);
            tar.write(filler);
            tar.closeArchiveEntry();
        }
        return bytes.toByteArray();
    }

}
