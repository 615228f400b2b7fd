package dev.backroute.ops;

import dev.backroute.BackrouteExchange;
import dev.backroute.alert.Alert;
import dev.backroute.catalog.BackupCatalog;
import dev.backroute.catalog.BackupManager;
import dev.backroute.config.BackupConfig;
import dev.backroute.testsupport.Installation;
import org.apache.camel.Exchange;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.DefaultExchange;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** What the steps leave on the exchange for direct:raise-alerts. */
class AlertRecorderTest {
    private static final Instant NOW = Instant.parse("2026-11-25T09:30:00Z");

    @TempDir
    Path dir;

    private AlertRecorder recorder() throws Exception {
        BackupConfig config = BackupConfig.loadFromFile(Installation.in(dir).write("none", false).config(), Map.of());
        Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
        return new AlertRecorder(config, new BackupManager(config, new BackupCatalog(config), clock), clock);
    }

    @Test
    void alertsAreKeptInOrderWithTheTypesNextTry() throws Exception {
        AlertRecorder recorder = recorder();
        Exchange exchange = new DefaultExchange(new DefaultCamelContext());

        recorder.succeeded(exchange, "data_files");
        recorder.failed(exchange, Alert.Kind.CLEANUP_FAILED, "data_files", "local: permission denied", null);

        assertThat(AlertRecorder.recorded(exchange)).extracting(Alert::kind)
                .containsExactly(Alert.Kind.RECOVERED, Alert.Kind.CLEANUP_FAILED);
        Alert cleanup = AlertRecorder.recorded(exchange).get(1);
        assertThat(cleanup.error()).isEqualTo("local: permission denied");
        assertThat(cleanup.lastSuccess()).isNull();
        assertThat(cleanup.nextTry()).isEqualTo(Instant.parse("2026-11-26T01:00:00Z"));
        assertThat(cleanup.at()).isEqualTo(NOW);
    }

    /** A split hands each part a copy of the exchange that shares the parent's property values. */
    @Test
    void whatACopyOfTheExchangeRecordsStaysOffTheOriginal() throws Exception {
        AlertRecorder recorder = recorder();
        Exchange parent = new DefaultExchange(new DefaultCamelContext());
        recorder.succeeded(parent, "data_files");
        Exchange part = parent.copy();

        recorder.failed(part, Alert.Kind.BACKUP_FAILED, "data_files", "pg_dump: connection refused", "data_files_20261125_093000");

        assertThat(AlertRecorder.recorded(parent)).extracting(Alert::kind).containsExactly(Alert.Kind.RECOVERED);
        assertThat(AlertRecorder.recorded(part)).extracting(Alert::kind).containsExactly(Alert.Kind.RECOVERED, Alert.Kind.BACKUP_FAILED);
    }

    @Test
    void anAlertThatCannotBeBuiltIsLeftOutWithoutThrowing() throws Exception {
        Exchange exchange = new DefaultExchange(new DefaultCamelContext());

        recorder().failed(exchange, Alert.Kind.OVERDUE, "no_such_type", "no success for 3 days", null);

        assertThat(exchange.getProperty(BackrouteExchange.ALERTS)).isNull();
    }
}
