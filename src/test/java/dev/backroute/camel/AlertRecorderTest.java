package dev.backroute.camel;

import dev.backroute.alert.Alert;
import org.apache.camel.Exchange;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.DefaultExchange;
import org.junit.jupiter.api.Test;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

/** What the steps leave on the exchange for direct:raise-alerts. */
class AlertRecorderTest {
    private static final Instant NOW = Instant.parse("2026-11-25T09:30:00Z");

    @Test
    void alertsAreKeptInOrder() {
        Exchange exchange = new DefaultExchange(new DefaultCamelContext());

        AlertRecorder.record(exchange, alert(Alert.Kind.RECOVERED, ""));
        AlertRecorder.record(exchange, alert(Alert.Kind.CLEANUP_FAILED, "local: permission denied"));

        assertThat(AlertRecorder.recorded(exchange)).extracting(Alert::kind, Alert::error).containsExactly(
                tuple(Alert.Kind.RECOVERED, ""),
                tuple(Alert.Kind.CLEANUP_FAILED, "local: permission denied"));
    }

    /** A split hands each part a copy of the exchange that shares the parent's property values. */
    @Test
    void whatACopyOfTheExchangeRecordsStaysOffTheOriginal() {
        Exchange parent = new DefaultExchange(new DefaultCamelContext());
        AlertRecorder.record(parent, alert(Alert.Kind.RECOVERED, ""));
        Exchange part = parent.copy();

        AlertRecorder.record(part, alert(Alert.Kind.BACKUP_FAILED, "pg_dump: connection refused"));

        assertThat(AlertRecorder.recorded(parent)).extracting(Alert::kind).containsExactly(Alert.Kind.RECOVERED);
        assertThat(AlertRecorder.recorded(part)).extracting(Alert::kind).containsExactly(Alert.Kind.RECOVERED, Alert.Kind.BACKUP_FAILED);
    }

    private static Alert alert(Alert.Kind kind, String error) {
        return new Alert(kind, "data_files", "backup-host-1", error, null, null, NOW, null);
    }
}
