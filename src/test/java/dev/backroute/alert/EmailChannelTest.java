package dev.backroute.alert;

import dev.backroute.config.EmailAlert;
import dev.backroute.config.SecretRef;
import jakarta.mail.PasswordAuthentication;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import static org.assertj.core.api.Assertions.assertThat;

/** The email channel's JavaMail settings and login, with no mail server and no CamelContext. */
class EmailChannelTest {
    private static final Map<String, String> ENV = Map.of("SMTP_USER", "alerts", "SMTP_PASSWORD", "pw-Sup3rSecret-42");
    private static final SecretRef USER = new SecretRef("alerts.email.username", "SMTP_USER", null);
    private static final SecretRef PASSWORD = new SecretRef("alerts.email.password", "SMTP_PASSWORD", null);
    private static final SecretRef NONE = new SecretRef("alerts.email.username", null, null);

    @Test
    void starttlsMustSwitchToTlsBeforeLoggingInAndChecksTheServersName() {
        EmailChannel channel = channel("starttls", USER, PASSWORD);
        Properties props = channel.javaMailProperties();

        assertThat(channel.protocol()).isEqualTo("smtp");
        assertThat(props).containsEntry("mail.transport.protocol", "smtp")
                .containsEntry("mail.smtp.host", "127.0.0.1")
                .containsEntry("mail.smtp.port", "3025")
                .containsEntry("mail.smtp.auth", "true")
                .containsEntry("mail.smtp.starttls.enable", "true")
                .containsEntry("mail.smtp.starttls.required", "true")
                .containsEntry("mail.smtp.ssl.checkserveridentity", "true")
                .containsEntry("mail.smtp.connectiontimeout", "10000")
                .containsEntry("mail.smtp.timeout", "10000")
                .containsEntry("mail.smtp.writetimeout", "10000");
    }

    @Test
    void sslIsSmtpsWithTheServersNameChecked() {
        EmailChannel channel = channel("ssl", USER, PASSWORD);

        assertThat(channel.protocol()).isEqualTo("smtps");
        assertThat(channel.javaMailProperties()).containsEntry("mail.transport.protocol", "smtps")
                .containsEntry("mail.smtps.ssl.enable", "true")
                .containsEntry("mail.smtps.ssl.checkserveridentity", "true")
                .doesNotContainKey("mail.smtp.host");
    }

    @Test
    void noneIsPlainSmtpWithoutLoginWhenNoUsernameIsConfigured() {
        EmailChannel channel = channel("none", NONE, NONE);

        assertThat(channel.javaMailProperties()).containsEntry("mail.smtp.starttls.enable", "false")
                .containsEntry("mail.smtp.auth", "false");
        PasswordAuthentication login = channel.login();
        assertThat(login.getUserName()).isNull();
        assertThat(login.getPassword()).isNull();
    }

    @Test
    void theLoginIsReadFromItsSecretsAndItsSourceNamesNoValue() {
        EmailChannel channel = channel("starttls", USER, PASSWORD);

        PasswordAuthentication login = channel.login();

        assertThat(login.getUserName()).isEqualTo("alerts");
        assertThat(login.getPassword()).isEqualTo("pw-Sup3rSecret-42");
        assertThat(channel.loginSource()).isEqualTo("login from alerts.email.username from environment variable SMTP_USER,"
                + " alerts.email.password from environment variable SMTP_PASSWORD");
    }

    @Test
    void theRecipientsAreOneAddressList() {
        assertThat(channel("none", NONE, NONE).to()).isEqualTo("ops@example.com, oncall@example.net");
    }

    private static EmailChannel channel(String tls, SecretRef username, SecretRef password) {
        EmailAlert config = new EmailAlert(true, "127.0.0.1", 3025, tls, "backroute@example.com",
                List.of("ops@example.com", "oncall@example.net"), username, password);
        return new EmailChannel(config, ENV, new Redactor(List.of(password), List.of(), ENV), Duration.ofMinutes(60));
    }
}
