package dev.backroute.ops;

import dev.backroute.catalog.TypeRepositories;

import dev.backroute.alert.Alert;
import dev.backroute.backup.BackupGroup;
import dev.backroute.backup.BackupRun;
import dev.backroute.backup.BeginArtifact;
import dev.backroute.backup.BeginBackup;
import dev.backroute.backup.Checksum;
import dev.backroute.backup.Compress;
import dev.backroute.backup.Encrypt;
import dev.backroute.backup.RecordFailure;
import dev.backroute.backup.RunStage;
import dev.backroute.backup.Stage;
import dev.backroute.backup.Store;
import dev.backroute.backup.WriteManifest;
import dev.backroute.catalog.BackupCatalog;
import dev.backroute.catalog.BackupManager;
import dev.backroute.catalog.Locks;
import dev.backroute.catalog.ManifestAuthority;
import dev.backroute.catalog.TypeLock;
import dev.backroute.config.BackupConfig;
import dev.backroute.files.FilesExport;
import dev.backroute.pipeline.ProgressListener;
import dev.backroute.restore.BackupValidator;
import dev.backroute.restore.SubsetValidator;
import dev.backroute.testsupport.Installation;
import dev.backroute.testsupport.SampleTree;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The alerts a run's end hands to the routes, with no CamelContext: AlertFailure on the error path, FinishRun after
 * the last artifact, ValidateBackups on the read-back after the run.
 */
class RunEndAlertsTest {
    private static final Map<String, String> ENV = Map.of();
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-03-04T05:06:07Z"), ZoneOffset.UTC);

    @TempDir
    Path dir;

    private BackupConfig config;
    private TypeAlerts alerts;

    @BeforeEach
    void install() throws IOException {
        Installation inst = Installation.in(dir).write("none", false);
        SampleTree.create(inst.source());
        config = BackupConfig.loadFromFile(inst.config(), ENV);
        alerts = new TypeAlerts(config, new BackupManager(config, new BackupCatalog(config), CLOCK), CLOCK);
    }

    @Test
    void aRunThatCouldNotTakeTheTypesLockIsNoFailureToAlert() {
        assertThat(new AlertFailure(alerts).alert("data_files", null, new TypeLock.LockedException("data_files is being backed up")))
                .isEmpty();
    }

    @Test
    void aFailedBackupAlertsWithItsCauseAndTheArtifactInHand() throws IOException {
        BackupGroup group = open();
        try {
            BackupRun run = new BeginArtifact(CLOCK).begin(group, null);

            Alert alert = new AlertFailure(alerts).alert("data_files", run, new IOException("target went away")).orElseThrow();

            assertThat(alert.kind()).isEqualTo(Alert.Kind.BACKUP_FAILED);
            assertThat(alert.error()).isEqualTo("target went away");
            assertThat(alert.backupId()).isEqualTo("data_files_20260304_050607");
        } finally {
            group.releaseLock();
        }
    }

    @Test
    void aBackupThatNeverBeganAlertsWithoutABackupId() {
        Alert alert = new AlertFailure(alerts).alert("data_files", null, null).orElseThrow();

        assertThat(alert.error()).isEqualTo("unknown error");
        assertThat(alert.backupId()).isNull();
    }

    @Test
    void aRunWhoseArtifactsAllSucceededReleasesTheLockAndReportsTheRecovery() throws Exception {
        BackupGroup group = storedRun();

        Alert alert = new FinishRun(alerts).finish(group).orElseThrow();

        assertThat(alert.kind()).isEqualTo(Alert.Kind.RECOVERED);
        assertThat(alert.type()).isEqualTo("data_files");
        open().releaseLock();
    }

    @Test
    void aReadBackThatFindsTheStoredArtifactDamagedIsAlertedAndCounted() throws Exception {
        BackupGroup group = storedRun();
        new FinishRun(alerts).finish(group);
        Path artifact = dir.resolve("backups/data_files").resolve(group.records().get(0).artifact());
        byte[] bytes = Files.readAllBytes(artifact);
        bytes[bytes.length / 2] ^= 1;
        Files.write(artifact, bytes);
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        List<Alert> raised = new ArrayList<>();

        new ValidateBackups(config, new BackupValidator(config, ENV, CLOCK), new SubsetValidator(config, new TypeRepositories(config, ENV)),
                new BackupMetrics(() -> registry), alerts)
                .lastRun(group, raised::add);

        assertThat(raised).singleElement().satisfies(a -> {
            assertThat(a.kind()).isEqualTo(Alert.Kind.VALIDATION_FAILED);
            assertThat(a.backupId()).isEqualTo("data_files_20260304_050607");
            assertThat(a.error()).isEqualTo("local: backup data_files_20260304_050607 on local does not match its manifest"
                    + " (its SHA-256 differs from the manifest's): the stored artifact was modified or truncated");
        });
        assertThat(registry.get("backroute_validations").tags("type", "data_files", "result", "failure").counter().count()).isEqualTo(1);
    }

    @Test
    void aRunWithAFailedArtifactReportsNoRecovery() throws IOException {
        BackupGroup group = open();
        BackupRun run = new BeginArtifact(CLOCK).begin(group, null);
        new RecordFailure(ManifestAuthority.of(config, ENV), CLOCK).record("data_files", run, new IOException("source missing"));

        assertThat(new FinishRun(alerts).finish(group)).isEmpty();
        open().releaseLock();
    }

    @Test
    void aRunThatNeverBeganHasNothingToFinish() throws IOException {
        assertThat(new FinishRun(alerts).finish(null)).isEmpty();
    }

    /** A run holding the type's lock that stored one artifact through the pipeline's stages. */
    private BackupGroup storedRun() throws Exception {
        BackupGroup group = open();
        BackupRun run = new BeginArtifact(CLOCK).begin(group, null);
        for (RunStage stage : List.of(new FilesExport(config), new Checksum(), new Compress(), new Encrypt(config, ENV), new Stage(),
                new Store(), new WriteManifest(ManifestAuthority.of(config, ENV), CLOCK))) {
            stage.apply(run);
        }
        return group;
    }

    /** Takes the type's lock, which fails while another run holds it. */
    private BackupGroup open() throws IOException {
        BeginBackup begin = new BeginBackup(config, Locks.of(config, ENV));
        BackupGroup group = begin.open("data_files", ProgressListener.NONE);
        begin.clearLeftovers(group);
        return group;
    }
}
