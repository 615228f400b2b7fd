package dev.backroute.ops;

import dev.backroute.alert.Alert;
import dev.backroute.catalog.BackupCatalog;
import dev.backroute.catalog.BackupManager;
import dev.backroute.config.BackupConfig;
import dev.backroute.testsupport.Installation;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The alerts the operations services hand back: what they say about the type. */
class TypeAlertsTest {
    private static final Instant NOW = Instant.parse("2026-11-25T09:30:00Z");

    @TempDir
    Path dir;

    private TypeAlerts alerts() throws Exception {
        BackupConfig config = BackupConfig.loadFromFile(Installation.in(dir).write("none", false).config(), Map.of());
        Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
        return new TypeAlerts(config, new BackupManager(config, new BackupCatalog(config), clock), clock);
    }

    @Test
    void aFailureNamesTheTypesNextTryAndItsLastSuccess() throws Exception {
        Alert cleanup = alerts().failure(Alert.Kind.CLEANUP_FAILED, "data_files", "local: permission denied", null).orElseThrow();

        assertThat(cleanup.kind()).isEqualTo(Alert.Kind.CLEANUP_FAILED);
        assertThat(cleanup.type()).isEqualTo("data_files");
        assertThat(cleanup.error()).isEqualTo("local: permission denied");
        assertThat(cleanup.lastSuccess()).isNull();
        assertThat(cleanup.nextTry()).isEqualTo(Instant.parse("2026-11-26T01:00:00Z"));
        assertThat(cleanup.at()).isEqualTo(NOW);
    }

    @Test
    void aRecoveryIsARecoveredAlertOfNow() throws Exception {
        Alert recovered = alerts().recovery("data_files").orElseThrow();

        assertThat(recovered.kind()).isEqualTo(Alert.Kind.RECOVERED);
        assertThat(recovered.error()).isEmpty();
        assertThat(recovered.at()).isEqualTo(NOW);
    }

    @Test
    void anAlertThatCannotBeBuiltIsLeftOutWithoutThrowing() throws Exception {
        assertThat(alerts().failure(Alert.Kind.OVERDUE, "no_such_type", "no success for 3 days", null)).isEmpty();
    }
}
