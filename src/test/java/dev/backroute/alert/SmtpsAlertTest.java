package dev.backroute.alert;

import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetup;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * tls "ssl": SMTPS with a login against GreenMail's SMTPS server. GreenMail's certificate is self-signed,
 * so the test trusts it the way an operator would for a private CA-less server: JavaMail system
 * properties, which the email channel honours.
 */
class SmtpsAlertTest {
    private static final long WAIT_MS = 5_000;

    @RegisterExtension
    static GreenMailExtension greenMail = new GreenMailExtension(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTPS))
            .withConfiguration(GreenMailConfiguration.aConfig().withUser(AlertRuntime.FROM, AlertRuntime.SMTP_USER, AlertRuntime.SMTP_PASSWORD));

    @TempDir
    Path dir;

    private LogCapture logs;

    @BeforeEach
    void trustGreenMail() {
        System.setProperty("mail.smtps.ssl.trust", "127.0.0.1");
        System.setProperty("mail.smtps.ssl.checkserveridentity", "false");
        logs = new LogCapture();
    }

    @AfterEach
    void forget() {
        System.clearProperty("mail.smtps.ssl.trust");
        System.clearProperty("mail.smtps.ssl.checkserveridentity");
        AlertRoutesTest.assertNoSecretIn(logs.everything());
        logs.close();
    }

    @Test
    void sslSendsOverSmtpsWithTheLogin() throws Exception {
        MovableClock clock = new MovableClock(AlertRuntime.START);
        try (WebhookServer webhook = new WebhookServer();
             AlertRuntime runtime = AlertRuntime.start(dir, AlertRuntime.email(greenMail.getSmtps().getPort(), "ssl", true),
                     AlertRuntime.off(), AlertRuntime.env(webhook.url()), clock)) {
            runtime.alert(AlertRuntime.failure(clock.instant(), "disk full"));

            assertThat(greenMail.waitForIncomingEmail(WAIT_MS, 2)).isTrue();
            assertThat(AlertRoutesTest.sent(greenMail)).singleElement()
                    .satisfies(m -> assertThat(m.getSubject()).isEqualTo("[backroute] data_files backup FAILED on backup-host-1"));
        }
        assertThat(logs.lines(ch.qos.logback.classic.Level.WARN)).noneMatch(l -> l.contains("UnsentAlertLog"));
    }

    @Test
    void sslRefusesAnUntrustedCertificate() throws Exception {
        System.clearProperty("mail.smtps.ssl.trust");
        System.clearProperty("mail.smtps.ssl.checkserveridentity");
        MovableClock clock = new MovableClock(AlertRuntime.START);
        try (WebhookServer webhook = new WebhookServer();
             AlertRuntime runtime = AlertRuntime.start(dir, AlertRuntime.email(greenMail.getSmtps().getPort(), "ssl", true),
                     AlertRuntime.slackOn(), AlertRuntime.env(webhook.url()), clock)) {
            runtime.alert(AlertRuntime.failure(clock.instant(), "disk full"));

            assertThat(greenMail.getReceivedMessages()).isEmpty();
            assertThat(webhook.requests()).hasSize(1);
        }
        assertThat(logs.lines(ch.qos.logback.classic.Level.WARN)).anyMatch(l -> l.contains("not sent by email")
                && (l.contains("PKIX") || l.toLowerCase(java.util.Locale.ROOT).contains("certif")));
    }
}
