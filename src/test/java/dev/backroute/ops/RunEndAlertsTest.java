package dev.backroute.ops;

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
import dev.backroute.catalog.ManifestAuthority;
import dev.backroute.catalog.TypeLock;
import dev.backroute.config.BackupConfig;
import dev.backroute.files.FilesExport;
import dev.backroute.pipeline.ProgressListener;
import dev.backroute.testsupport.Installation;
import dev.backroute.testsupport.SampleTree;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The alerts a run's end hands to the routes (AlertFailure on the error path, FinishRun after the last artifact), with no CamelContext. */
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
        BackupGroup group = open();
        BackupRun run = new BeginArtifact(CLOCK).begin(group, null);
        for (RunStage stage : List.of(new FilesExport(config), new Checksum(), new Compress(), new Encrypt(config, ENV), new Stage(),
                new Store(), new WriteManifest(ManifestAuthority.of(config, ENV), CLOCK))) {
            stage.apply(run);
        }

        Alert alert = new FinishRun(alerts).finish(group).orElseThrow();

        assertThat(alert.kind()).isEqualTo(Alert.Kind.RECOVERED);
        assertThat(alert.type()).isEqualTo("data_files");
        open().releaseLock();
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

    /** Takes the type's lock, which fails while another run holds it. */
    private BackupGroup open() throws IOException {
        BeginBackup begin = new BeginBackup(config);
        BackupGroup group = begin.open("data_files", ProgressListener.NONE);
        begin.clearLeftovers(group);
        return group;
    }
}
