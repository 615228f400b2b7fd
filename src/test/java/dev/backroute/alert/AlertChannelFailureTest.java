package dev.backroute.alert;

import ch.qos.logback.classic.Level;
import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetup;
import org.apache.camel.Exchange;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A channel that fails is logged as one WARN line and the caller carries on: the route returns normally,
 * and the other channel still gets its alert. No secret shows in any log line.
 */
class AlertChannelFailureTest {
    private static final long WAIT_MS = 5_000;

    @RegisterExtension
    static GreenMailExtension greenMail = new GreenMailExtension(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP))
            .withConfiguration(GreenMailConfiguration.aConfig().withUser(AlertRuntime.FROM, AlertRuntime.SMTP_USER, AlertRuntime.SMTP_PASSWORD));

    @TempDir
    Path dir;

    private final MovableClock clock = new MovableClock(AlertRuntime.START);
    private WebhookServer webhook;
    private LogCapture logs;
    private AlertRuntime runtime;

    @BeforeEach
    void start() throws IOException {
        webhook = new WebhookServer();
        logs = new LogCapture();
    }

    @AfterEach
    void stop() throws Exception {
        try {
            if (runtime != null) {
                runtime.close();
            }
            AlertRoutesTest.assertNoSecretIn(logs.everything());
        } finally {
            logs.close();
            webhook.close();
        }
    }

    @Test
    void anSmtpServerThatIsDownIsLoggedAndSlackStillGetsTheAlert() throws Exception {
        runtime = AlertRuntime.start(dir, AlertRuntime.email(closedPort(), "none", true), AlertRuntime.slackOn(),
                AlertRuntime.env(webhook.url()), clock);

        Exchange done = runtime.alertExchange(AlertRuntime.failure(clock.instant(), "disk full"));

        assertThat(done.getException()).isNull();
        assertThat(webhook.requests()).hasSize(1);
        assertThat(alertWarnings()).singleElement().asString()
                .startsWith("alert BACKUP_FAILED for data_files not sent by email: ")
                .contains("127.0.0.1")
                .doesNotContain("\n");
    }

    @Test
    void aWebhookAnswering500IsLoggedAndTheEmailIsStillSent() throws Exception {
        webhook.answer(500);
        runtime = AlertRuntime.start(dir, AlertRuntime.email(greenMail.getSmtp().getPort(), "none", true), AlertRuntime.slackOn(),
                AlertRuntime.env(webhook.url()), clock);

        Exchange done = runtime.alertExchange(AlertRuntime.failure(clock.instant(), "disk full"));

        assertThat(done.getException()).isNull();
        assertThat(greenMail.waitForIncomingEmail(WAIT_MS, 2)).isTrue();
        assertThat(webhook.requests()).hasSize(1);
        assertThat(alertWarnings()).containsExactly(
                "alert BACKUP_FAILED for data_files not sent by slack: Slack webhook answered HTTP 500: internal_error");
        assertThat(done.getIn().getHeader(Exchange.HTTP_URI)).isNull();
    }

    @Test
    void aWrongSmtpPasswordIsLoggedWithoutEitherPassword() throws Exception {
        Map<String, String> env = new HashMap<>(AlertRuntime.env(webhook.url()));
        env.put("SMTP_PASSWORD", "wrong-Passw0rd-77");
        runtime = AlertRuntime.start(dir, AlertRuntime.email(greenMail.getSmtp().getPort(), "none", true), AlertRuntime.slackOn(),
                env, clock);

        runtime.alert(AlertRuntime.failure(clock.instant(), "disk full"));

        assertThat(greenMail.getReceivedMessages()).isEmpty();
        assertThat(webhook.requests()).hasSize(1);
        assertThat(alertWarnings()).singleElement().asString()
                .startsWith("alert BACKUP_FAILED for data_files not sent by email: ")
                .containsIgnoringCase("auth");
        assertThat(logs.everything()).doesNotContain("wrong-Passw0rd-77");
    }

    @Test
    void anUnsetPasswordVariableIsNamedAndSlackStillSends() throws Exception {
        Map<String, String> env = new HashMap<>(AlertRuntime.env(webhook.url()));
        env.remove("SMTP_PASSWORD");
        runtime = AlertRuntime.start(dir, AlertRuntime.email(greenMail.getSmtp().getPort(), "none", true), AlertRuntime.slackOn(),
                env, clock);

        runtime.alert(AlertRuntime.failure(clock.instant(), "disk full"));

        assertThat(webhook.requests()).hasSize(1);
        assertThat(alertWarnings()).containsExactly("alert BACKUP_FAILED for data_files not sent by email: "
                + "alerts.email.password_env: environment variable SMTP_PASSWORD is not set; export SMTP_PASSWORD before running backroute");
    }

    @Test
    void aWebhookUrlThatIsNoUrlIsReportedWithoutItsValue() throws Exception {
        Map<String, String> env = new HashMap<>(AlertRuntime.env(webhook.url()));
        env.put("SLACK_WEBHOOK_URL", "T0ALERTS/B0BACKUP/hookSecretXyz123");
        runtime = AlertRuntime.start(dir, AlertRuntime.email(greenMail.getSmtp().getPort(), "none", true), AlertRuntime.slackOn(),
                env, clock);

        runtime.alert(AlertRuntime.failure(clock.instant(), "disk full"));

        assertThat(greenMail.waitForIncomingEmail(WAIT_MS, 2)).isTrue();
        assertThat(webhook.requests()).isEmpty();
        assertThat(alertWarnings()).containsExactly("alert BACKUP_FAILED for data_files not sent by slack: "
                + "alerts.slack.webhook_url_env: the webhook URL in environment variable SLACK_WEBHOOK_URL must be an https:// URL "
                + "with a host (the value is not shown here)");
    }

    /**
     * GreenMail 2.1.8 does not offer STARTTLS on plain SMTP, so this checks the other half of "starttls":
     * a server without it is refused (starttls.required), never used in clear; Slack still sends.
     */
    @Test
    void starttlsRefusesAServerThatDoesNotOfferIt() throws Exception {
        runtime = AlertRuntime.start(dir, AlertRuntime.email(greenMail.getSmtp().getPort(), "starttls", true), AlertRuntime.slackOn(),
                AlertRuntime.env(webhook.url()), clock);

        Exchange done = runtime.alertExchange(AlertRuntime.failure(clock.instant(), "disk full"));

        assertThat(done.getException()).isNull();
        assertThat(greenMail.getReceivedMessages()).isEmpty();
        assertThat(webhook.requests()).hasSize(1);
        assertThat(alertWarnings()).singleElement().asString()
                .startsWith("alert BACKUP_FAILED for data_files not sent by email: ")
                .contains("STARTTLS");
    }

    @Test
    void aDisabledChannelIsSkipped() throws Exception {
        runtime = AlertRuntime.start(dir, AlertRuntime.off(), AlertRuntime.slackOn(), AlertRuntime.env(webhook.url()), clock);

        runtime.alert(AlertRuntime.failure(clock.instant(), "disk full"));

        assertThat(webhook.requests()).hasSize(1);
        assertThat(greenMail.getReceivedMessages()).isEmpty();
        assertThat(alertWarnings()).isEmpty();
    }

    private List<String> alertWarnings() {
        return logs.lines(Level.WARN).stream().filter(l -> l.startsWith(UnsentAlertLog.class.getName()))
                .map(l -> l.substring(l.indexOf(" - ") + 3)).toList();
    }

    private static int closedPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
