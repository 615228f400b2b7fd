package dev.backroute.alert;

import org.junit.jupiter.api.Test;

import java.io.IOException;

import static org.assertj.core.api.Assertions.assertThat;

/** Why an alert was not sent, as its WARN line says it. */
class UnsentAlertLogTest {

    @Test
    void aRootCauseThatSaysMoreIsAdded() {
        Exception cause = new RuntimeException("Couldn't connect to host", new IOException("Connection refused"));

        assertThat(UnsentAlertLog.describe(cause)).endsWith("Couldn't connect to host (Connection refused)");
    }

    @Test
    void aRootCauseTheMessageAlreadySaysIsNotRepeated() {
        Exception cause = new RuntimeException("send failed: Connection refused", new IOException("Connection refused"));

        assertThat(UnsentAlertLog.describe(cause)).doesNotContain("(Connection refused)").contains("send failed: Connection refused");
    }
}
