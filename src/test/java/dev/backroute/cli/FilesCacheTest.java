package dev.backroute.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.backroute.archive.TarRoot;
import dev.backroute.archive.TarWriter;
import dev.backroute.catalog.BackupCatalog;
import dev.backroute.catalog.LocatedBackup;
import dev.backroute.catalog.Manifests;
import dev.backroute.config.BackupConfig;
import dev.backroute.crypto.Keyset;
import dev.backroute.restore.ArtifactDecoder;
import dev.backroute.testsupport.Cli;
import dev.backroute.testsupport.Installation;
import dev.backroute.testsupport.SampleTree;
import dev.backroute.testsupport.TreeAssert;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A files type in a repository reads only the files that changed since its last snapshot (size, modification time,
 * change time and inode, as restic and Borg compare), takes the others' chunks from that snapshot, and still
 * restores and validates the whole tree byte for byte.
 */
class FilesCacheTest {
    /** Longer than the files cache's distrust of files changed just before a backup (PreviousTree.COARSE, 2 s). */
    private static final long SETTLE_MILLIS = 2_100;

    @TempDir
    Path dir;

    private Installation inst;

    @BeforeEach
    void sourceTreeLastChangedBeforeTheFirstBackup() throws Exception {
        inst = install("");
        Thread.sleep(SETTLE_MILLIS);
    }

    @Test
    void aSecondBackupReadsNoUnchangedFileAndRestoresAndValidatesTheWholeTree() throws Exception {
        JsonNode first = backup();
        assertThat(first.get("unchanged_files").asLong()).as("nothing to compare with").isZero();

        JsonNode second = backup();

        assertThat(second.get("unchanged_files").asLong()).isEqualTo(regularFiles());
        assertThat(second.get("stored_bytes").asLong()).as("the same tree adds nothing").isZero();
        assertThat(second.get("raw_bytes").asLong()).isEqualTo(first.get("raw_bytes").asLong());
        assertRecoversTheSource();
        Cli.Result validate = Cli.withConfig(inst.config(), "validate", "--backup-path", second.get("id").asText());
        assertThat(validate.exitCode()).as(validate.all()).isZero();
        assertThat(validate.out()).contains(second.get("id").asText() + " on local: valid");
    }

    @Test
    void aFilesSnapshotReadsBackAsTheVeryArchiveItsTreeWouldHaveBeenWrittenAs() throws Exception {
        backup();
        backup(); // every file taken over from the first snapshot

        BackupConfig config = BackupConfig.loadFromFile(inst.config(), Map.of());
        LocatedBackup latest = new BackupCatalog(config).latestSuccessful("data_files", null);
        byte[] read = new ArtifactDecoder(config, Map.of()).decode(latest.record(), latest.copies().get(0), InputStream::readAllBytes);

        ByteArrayOutputStream archive = new ByteArrayOutputStream();
        new TarWriter(List.of(), Set.of()).write(List.of(new TarRoot(inst.source(), "src")), archive);
        // Same headers (long and non-ASCII names, modes, owners, times, links), same content, same padding.
        assertThat(read).isEqualTo(archive.toByteArray());
    }

    @Test
    void aFileRewrittenInPlaceWithItsSizeAndModificationTimeKeptIsReadAgain() throws Exception {
        backup();
        Path changed = inst.source().resolve("random.bin");
        FileTime mtime = Files.getLastModifiedTime(changed);
        try (RandomAccessFile f = new RandomAccessFile(changed.toFile(), "rw")) {
            f.seek(SampleTree.RANDOM_BYTES / 2);
            int b = f.read();
            f.seek(SampleTree.RANDOM_BYTES / 2);
            f.write(b ^ 0xff);
        }
        Files.setLastModifiedTime(changed, mtime);

        JsonNode second = backup();

        assertThat(second.get("unchanged_files").asLong()).as("all but the rewritten file").isEqualTo(regularFiles() - 1);
        assertThat(second.get("stored_bytes").asLong()).isPositive();
        assertRecoversTheSource();
    }

    @Test
    void forceReadAndTheConfigKeyReadEveryFileAndStoreNothingNew() throws Exception {
        backup();

        JsonNode forced = backup("--force-read");
        assertThat(forced.get("unchanged_files").asLong()).isZero();
        assertThat(forced.get("stored_bytes").asLong()).as("the chunks were there").isZero();

        install("\"files_cache\": false");
        JsonNode configured = backup();
        assertThat(configured.get("unchanged_files").asLong()).isZero();
        assertThat(configured.get("stored_bytes").asLong()).isZero();
        assertRecoversTheSource();
    }

    @Test
    void anUnencryptedRepositoryReadsEveryFileBecauseItsTreeIsNotAuthenticated() throws Exception {
        inst = Installation.in(dir).write("zstd", false, "\"format\": \"repository\"");
        backup();

        JsonNode second = backup();

        assertThat(second.get("unchanged_files").asLong()).isZero();
        assertThat(second.get("stored_bytes").asLong()).isZero();
        assertRecoversTheSource();
    }

    @Test
    void aMovedFileIsReadAgainButItsChunksAreNotStoredAgain() throws Exception {
        backup();
        Files.move(inst.source().resolve("random.bin"), inst.source().resolve("nested/random-moved.bin"));

        JsonNode second = backup();

        assertThat(second.get("unchanged_files").asLong()).isEqualTo(regularFiles() - 1);
        // A file's chunks do not depend on where it is: only the tree is new.
        assertThat(second.get("stored_bytes").asLong()).isPositive().isLessThan(64 * 1024);
        assertRecoversTheSource();
    }

    @Test
    void aLastSnapshotThatCannotBeReadTurnsTheCacheOffAndTheBackupStillSucceeds() throws Exception {
        JsonNode first = backup();
        Path snapshot = RepositoryFolder.of(inst.typeFolder()).snapshots().get(0);
        Files.write(snapshot, new byte[] {1, 2, 3});

        JsonNode second = backup();

        assertThat(second.get("id").asText()).isNotEqualTo(first.get("id").asText());
        assertThat(second.get("unchanged_files").asLong()).isZero();
        assertRecoversTheSource();
    }

    @Test
    void aTreeOtherThanTheOneItsManifestRecordedFailsValidation() throws Exception {
        inst = Installation.in(dir).write("zstd", false, "\"format\": \"repository\"");
        JsonNode backup = backup();
        String id = backup.get("id").asText();
        Path manifest = inst.typeFolder().resolve(id + ".manifest.json");
        JsonNode record = Manifests.mapper().readTree(manifest.toFile());
        String recorded = record.get("content_sha256").asText();
        Files.writeString(manifest, Files.readString(manifest).replace(recorded, "0".repeat(64)));

        Cli.Result validate = Cli.withConfig(inst.config(), "validate", "--backup-path", id);

        assertThat(validate.exitCode()).as(validate.all()).isEqualTo(1);
        assertThat(validate.all()).contains("its tree in snapshot").contains("does not match the manifest's content_sha256/raw_bytes");
    }

    private Installation install(String repositoryJson) throws IOException {
        Installation i = Installation.in(dir).write("zstd", true, "\"format\": \"repository\""
                + (repositoryJson.isEmpty() ? "" : ", \"repository\": { " + repositoryJson + " }"));
        if (!Files.exists(i.keyset())) {
            Keyset.generate(i.keyset());
            Files.createDirectories(i.source());
            SampleTree.create(i.source());
        }
        return i;
    }

    private JsonNode backup(String... extra) throws IOException {
        String[] args = Stream.concat(Stream.of("backup", "--type", "data_files", "--force", "--json"), Stream.of(extra))
                .toArray(String[]::new);
        Cli.Result r = Cli.withConfig(inst.config(), args);
        assertThat(r.exitCode()).as(r.all()).isZero();
        return Manifests.mapper().readTree(r.out()).at("/results/0/backups/0");
    }

    private long regularFiles() throws IOException {
        try (Stream<Path> all = Files.walk(inst.source())) {
            return all.filter(Files::isRegularFile).filter(p -> !Files.isSymbolicLink(p)).count();
        }
    }

    private void assertRecoversTheSource() throws IOException {
        Path out = dir.resolve("restored-" + System.nanoTime());
        Cli.Result recover = Cli.withConfig(inst.config(), "recover", "--backup-path", "data_files:latest", "--destination",
                out.toString());
        assertThat(recover.exitCode()).as(recover.all()).isZero();
        TreeAssert.assertSameTree(inst.source(), out.resolve("src"));
    }
}
