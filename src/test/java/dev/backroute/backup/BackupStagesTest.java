package dev.backroute.backup;

import dev.backroute.catalog.BackupCatalog;
import dev.backroute.catalog.BackupRecord;
import dev.backroute.catalog.LocatedBackup;
import dev.backroute.catalog.Locks;
import dev.backroute.catalog.ManifestAuthority;
import dev.backroute.catalog.TypeRepositories;
import dev.backroute.config.BackupConfig;
import dev.backroute.crypto.Keyset;
import dev.backroute.files.FilesExport;
import dev.backroute.pipeline.ProgressListener;
import dev.backroute.restore.ArtifactDecoder;
import dev.backroute.restore.FilesRecovery;
import dev.backroute.testsupport.Installation;
import dev.backroute.testsupport.SampleTree;
import dev.backroute.testsupport.TreeAssert;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A backup run through the plain stages, with no CamelContext: what the route steps adapt. */
class BackupStagesTest {
    private static final Map<String, String> ENV = Map.of();
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-03-04T05:06:07Z"), ZoneOffset.UTC);

    @TempDir
    Path dir;

    @Test
    void sourceThroughManifestStoresAnArtifactThatRecoversToTheSourceTree() throws Exception {
        BackupConfig config = installation(true);
        BackupGroup group = openRun(config);
        BackupRun run = new BeginArtifact(CLOCK).begin(group, null);
        try {
            for (RunStage stage : pipeline(config)) {
                stage.apply(run);
            }
        } finally {
            group.releaseLock();
        }

        LocatedBackup backup = catalog(config).byId("data_files", "data_files_20260304_050607");
        BackupRecord record = backup.record();
        assertThat(record.success()).isTrue();
        assertThat(record.artifact()).isEqualTo("data_files_20260304_050607.tar.zst.enc");
        assertThat(dir.resolve("backups/data_files").resolve(record.artifact())).isRegularFile();
        assertThat(record.source()).containsEntry("kind", "files");
        assertThat(group.records()).extracting(BackupRecord::id).containsExactly(record.id());
        assertThat(staging()).isEmpty();

        Path out = dir.resolve("restored");
        new FilesRecovery(new ArtifactDecoder(config, ENV)).recover(backup, out, false);
        TreeAssert.assertSameTree(dir.resolve("src"), out.resolve("src"));
    }

    @Test
    void recordingAFailureRemovesTheStoredArtifactAndLeavesAFailedManifest() throws Exception {
        BackupConfig config = installation(false);
        BackupGroup group = openRun(config);
        BackupRun run = new BeginArtifact(CLOCK).begin(group, null);
        try {
            for (RunStage stage : pipeline(config).subList(0, 6)) {
                stage.apply(run);
            }
            assertThat(dir.resolve("backups/data_files").resolve(run.artifactName())).isRegularFile();
            new RecordFailure(ManifestAuthority.of(config, ENV), CLOCK).record("data_files", run, new IOException("target went away"));
        } finally {
            group.releaseLock();
        }

        assertThat(listing(dir.resolve("backups/data_files"))).containsExactly("data_files_20260304_050607.manifest.json");
        BackupRecord record = catalog(config).byId("data_files", "data_files_20260304_050607").record();
        assertThat(record.success()).isFalse();
        assertThat(record.error()).isEqualTo("target went away");
        assertThat(record.artifact()).isNull();
        assertThat(staging()).isEmpty();
    }

    @Test
    void discardingARepositoryRunBeforeItsManifestRemovesItsSnapshotAndSpoolAndKeepsItsPacks() throws Exception {
        Installation inst = Installation.in(dir).write("zstd", false, "\"format\": \"repository\"");
        SampleTree.create(inst.source());
        BackupConfig config = BackupConfig.loadFromFile(inst.config(), ENV);
        Path repository = inst.typeFolder().resolve("repository");
        BackupGroup group = openRun(config);
        BackupRun run = new BeginArtifact(CLOCK).begin(group, null);
        try {
            new FilesExport(config).apply(run);
            new RepositoryStore(new TypeRepositories(config, ENV), new BackupCatalog(config), CLOCK).apply(run);
            assertThat(listing(repository.resolve("snapshots"))).containsExactly(run.snapshots().get("local"));
            List<Path> packs = filesUnder(repository.resolve("data"));
            assertThat(packs).isNotEmpty();

            run.discard(); // what an interrupt does to a run whose manifest is not written yet

            assertThat(listing(repository.resolve("snapshots"))).isEmpty();
            assertThat(filesUnder(repository.resolve("data"))).as("the next backup re-uses their chunks").isEqualTo(packs);
            assertThat(run.packSpool()).doesNotExist();
        } finally {
            group.releaseLock();
        }
    }

    @Test
    void aTypeThatEncryptsIsNotCommittedWhenTheEncryptStageWasLeftOut() throws Exception {
        BackupConfig config = installation(true);
        BackupGroup group = openRun(config);
        BackupRun run = new BeginArtifact(CLOCK).begin(group, null);
        try {
            for (RunStage stage : List.of(new FilesExport(config), new Checksum(), new Compress(), new Stage(), new Store())) {
                stage.apply(run);
            }
            assertThatThrownBy(() -> new WriteManifest(ManifestAuthority.of(config, ENV), CLOCK).apply(run))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessage("backup data_files_20260304_050607 was not encrypted, but backup_types.data_files.encrypt is true:"
                            + " the route that ran it has no encrypt step (check routes/backup.camel.yaml)");
        } finally {
            group.releaseLock();
        }
        assertThat(listing(dir.resolve("backups/data_files"))).noneMatch(n -> n.endsWith(".manifest.json"));
    }

    private BackupConfig installation(boolean encrypt) throws IOException {
        Installation inst = Installation.in(dir).write("zstd", encrypt);
        if (encrypt) {
            Keyset.generate(inst.keyset());
        }
        SampleTree.create(inst.source());
        return BackupConfig.loadFromFile(inst.config(), ENV);
    }

    private static BackupGroup openRun(BackupConfig config) throws IOException {
        BeginBackup begin = new BeginBackup(config, Locks.of(config, Map.of()));
        BackupGroup group = begin.open("data_files", ProgressListener.NONE);
        begin.clearLeftovers(group);
        return group;
    }

    /** The stages of source-export (for a files type) and backup-pipeline, in the routes' order. */
    private static List<RunStage> pipeline(BackupConfig config) {
        return List.of(new FilesExport(config), new Checksum(), new Compress(), new Encrypt(config, ENV), new Stage(), new Store(),
                new WriteManifest(ManifestAuthority.of(config, ENV), CLOCK));
    }

    private static BackupCatalog catalog(BackupConfig config) {
        return new BackupCatalog(config, ManifestAuthority.of(config, ENV));
    }

    private List<String> staging() throws IOException {
        return listing(dir.resolve("backups/.staging"));
    }

    private static List<Path> filesUnder(Path folder) throws IOException {
        try (Stream<Path> walk = Files.walk(folder)) {
            return walk.filter(Files::isRegularFile).sorted().toList();
        }
    }

    private static List<String> listing(Path folder) throws IOException {
        try (Stream<Path> files = Files.list(folder)) {
            return files.map(p -> p.getFileName().toString()).filter(n -> !n.startsWith(".")).sorted().toList();
        }
    }
}
