package dev.backroute.ops;

import dev.backroute.alert.Alert;
import dev.backroute.catalog.BackupCatalog;
import dev.backroute.catalog.BackupManager;
import dev.backroute.catalog.BackupRecord;
import dev.backroute.catalog.Manifests;
import dev.backroute.config.BackupConfig;
import dev.backroute.testsupport.Installation;
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
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The dead-man's switch as plain Java: the alerts it hands the overdue-check route, and the standing it exports. */
class OverdueCheckTest {
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-25T09:30:00Z"), ZoneOffset.UTC);

    @TempDir
    Path dir;

    private Installation inst;
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();

    @BeforeEach
    void install() throws IOException {
        inst = Installation.in(dir).write("none", false);
        Files.createDirectories(inst.typeFolder());
    }

    @Test
    void aTypeJustWatchedWithNoBackupYetIsNotOverdue() throws IOException {
        assertThat(check().check()).isEmpty();
        assertThat(registry.get("backroute_backup_overdue").tag("type", "data_files").gauge().value()).isZero();
    }

    @Test
    void aManifestDatedInTheFutureIsAlertedWithItsBackupId() throws IOException {
        Instant planted = Instant.parse("2030-01-01T00:00:00Z");
        BackupRecord future = new BackupRecord(1, "data_files_20300101_000000", "data_files_20300101_000000", "data_files", false,
                "source missing", planted, planted.plusSeconds(1), null, 0, 0, null, null, null, null, List.of(), Map.of(), "h", "v", null);
        Files.write(inst.typeFolder().resolve(future.manifestName()), Manifests.toJson(future));

        List<Alert> alerts = check().check();

        assertThat(alerts).singleElement().satisfies(a -> {
            assertThat(a.kind()).isEqualTo(Alert.Kind.FUTURE_DATED);
            assertThat(a.backupId()).isEqualTo("data_files_20300101_000000");
            assertThat(a.error()).startsWith("backup data_files_20300101_000000 claims to start at 2030-01-01T00:00:00Z");
        });
    }

    @Test
    void aManifestTheCatalogRefusesIsAlertedAsUntrustedNamingItAndWhatToDo() throws IOException {
        Files.writeString(inst.typeFolder().resolve("data_files_20261124_010000.manifest.json"), "{\"id\": \"data_files_20261124_010000\", ");

        List<Alert> alerts = check().check();

        assertThat(alerts).singleElement().satisfies(a -> {
            assertThat(a.kind()).isEqualTo(Alert.Kind.UNTRUSTED_MANIFEST);
            assertThat(a.error()).startsWith("1 manifest(s) of data_files not trusted, first data_files_20261124_010000.manifest.json on local: ")
                    .endsWith("; see ./backroute list --type data_files and docs/security.md");
        });
    }

    private OverdueCheck check() throws IOException {
        BackupConfig config = BackupConfig.loadFromFile(inst.config(), Map.of());
        BackupManager manager = new BackupManager(config, new BackupCatalog(config), CLOCK);
        return new OverdueCheck(config, manager, new TypeAlerts(config, manager, CLOCK), new BackupMetrics(() -> registry), CLOCK);
    }
}
