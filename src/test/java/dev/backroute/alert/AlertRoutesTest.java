package dev.backroute.alert;

import dev.backroute.Hosts;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetup;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import jakarta.mail.Message;
import jakarta.mail.internet.MimeMessage;
import dev.backroute.catalog.BackupCatalog;
import dev.backroute.catalog.BackupManager;
import dev.backroute.catalog.BackupRecord;
import dev.backroute.catalog.Manifests;
import dev.backroute.ops.BackupMetrics;
import dev.backroute.ops.OverdueCheck;
import dev.backroute.ops.TypeAlerts;
import org.apache.camel.Exchange;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The alert routes end to end on the real runtime: GreenMail as the SMTP server (plain SMTP with a
 * login, tls "none") and the JDK's HTTP server as the Slack webhook, both on 127.0.0.1.
 */
class AlertRoutesTest {
    private static final long WAIT_MS = 5_000;
    private static final ObjectMapper JSON = new ObjectMapper();

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
    void start() throws Exception {
        webhook = new WebhookServer();
        logs = new LogCapture();
        runtime = startRuntime();
    }

    private AlertRuntime startRuntime() throws Exception {
        return AlertRuntime.start(dir, AlertRuntime.email(greenMail.getSmtp().getPort(), "none", true), AlertRuntime.slackOn(),
                AlertRuntime.env(webhook.url()), clock);
    }

    @AfterEach
    void stop() throws Exception {
        try {
            if (runtime != null) {
                runtime.close();
            }
            assertNoSecretIn(logs.everything());
        } finally {
            logs.close();
            webhook.close();
        }
    }

    @Test
    void aFailureSendsOneEmailAndOneSlackMessageWithTheFacts() throws Exception {
        Exchange done = runtime.alertExchange(AlertRuntime.failure(clock.instant(), "storage.local: /srv/backups: no space left on device"));

        assertThat(done.getException()).isNull();
        assertThat(greenMail.waitForIncomingEmail(WAIT_MS, 2)).isTrue();   // one message, two recipients
        MimeMessage[] mails = greenMail.getReceivedMessages();
        assertThat(mails).hasSize(2);
        MimeMessage mail = mails[0];
        assertThat(mail.getSubject()).isEqualTo("[backroute] data_files backup FAILED on backup-host-1");
        assertThat(Arrays.stream(mail.getFrom()).map(Object::toString)).containsExactly(AlertRuntime.FROM);
        assertThat(Arrays.stream(mail.getRecipients(Message.RecipientType.TO)).map(Object::toString))
                .containsExactly(AlertRuntime.TO_OPS, AlertRuntime.TO_ONCALL);
        assertThat(mail.getContentType()).startsWith("text/plain");
        String body = GreenMailUtil.getBody(mail).replace("\r\n", "\n");
        assertThat(body)
                .contains("data_files backup FAILED on backup-host-1.")
                .contains("Type:          data_files")
                .contains("Host:          backup-host-1")
                .contains("Error:         storage.local: /srv/backups: no space left on device")
                .contains("Last success:  2026-11-24T01:00:07Z")
                .contains("Next try:      2026-11-26T01:00:00Z")
                .contains("Backup id:     data_files_20261125_010000")
                .contains("backroute status --type data_files")
                .contains("at most every 60 minutes");

        assertThat(webhook.requests()).singleElement().satisfies(r -> {
            assertThat(r.method()).isEqualTo("POST");
            assertThat(r.path()).isEqualTo(WebhookServer.PATH);
            assertThat(r.contentType()).startsWith("application/json");
        });
        JsonNode slack = JSON.readTree(webhook.requests().get(0).body());
        assertThat(slack.get("text").asText())
                .isEqualTo("data_files backup FAILED on backup-host-1: storage.local: /srv/backups: no space left on device");
        JsonNode blocks = slack.get("blocks");
        assertThat(blocks.get(0).get("type").asText()).isEqualTo("header");
        assertThat(blocks.get(0).get("text").get("text").asText()).isEqualTo("data_files backup FAILED on backup-host-1");
        assertThat(blocks.get(1).get("text").get("text").asText()).isEqualTo("*Error:* storage.local: /srv/backups: no space left on device");
        assertThat(blocks.get(2).get("fields")).extracting(f -> f.get("text").asText()).containsExactly(
                "*Type*\ndata_files", "*Host*\nbackup-host-1", "*Last success*\n2026-11-24T01:00:07Z",
                "*Next try*\n2026-11-26T01:00:00Z", "*Backup id*\ndata_files_20261125_010000");

        assertThat(runtime.stateFile()).exists();
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(runtime.stateFile()))).isEqualTo("rw-------");
        assertNoSecretIn(body + webhook.requests().get(0).body());
    }

    @Test
    void repeatsWithinTheWindowAreCountedThenOneReminderSaysHowMany() throws Exception {
        runtime.alert(AlertRuntime.failure(clock.instant(), "first"));
        assertThat(greenMail.waitForIncomingEmail(WAIT_MS, 2)).isTrue();

        clock.advance(Duration.ofMinutes(20));
        runtime.alert(AlertRuntime.failure(clock.instant(), "second"));
        clock.advance(Duration.ofMinutes(39));
        runtime.alert(AlertRuntime.failure(clock.instant(), "third"));

        // The route is synchronous: once alert() returns, whatever it sent has arrived.
        assertThat(greenMail.getReceivedMessages()).hasSize(2);
        assertThat(webhook.requests()).hasSize(1);

        clock.advance(Duration.ofMinutes(2));   // 61 minutes after the first alert, window 60
        runtime.alert(AlertRuntime.failure(clock.instant(), "fourth"));

        assertThat(greenMail.waitForIncomingEmail(WAIT_MS, 4)).isTrue();
        MimeMessage reminder = ops()[1];
        assertThat(reminder.getSubject())
                .isEqualTo("[backroute] data_files backup still FAILED on backup-host-1 (3 failures since the last alert)");
        assertThat(GreenMailUtil.getBody(reminder).replace("\r\n", "\n"))
                .contains("Error:         fourth")
                .contains("Reminder:      3 failures since the last alert at 2026-11-25T01:00:00Z; failing since 2026-11-25T01:00:00Z");
        assertThat(webhook.requests()).hasSize(2);
        assertThat(JSON.readTree(webhook.requests().get(1).body()).get("text").asText())
                .isEqualTo("data_files backup still FAILED on backup-host-1 (3 failures since the last alert): fourth");

        // The window restarts at the reminder.
        clock.advance(Duration.ofMinutes(30));
        runtime.alert(AlertRuntime.failure(clock.instant(), "fifth"));
        assertThat(greenMail.getReceivedMessages()).hasSize(4);
        assertThat(webhook.requests()).hasSize(2);
    }

    @Test
    void aManifestDatedInTheFutureRaisesOneThrottledAlertNamingIt() throws Exception {
        Path folder = Files.createDirectories(runtime.config.backupDir().resolve("data_files"));
        Instant planted = Instant.parse("2030-01-01T00:00:00Z");
        BackupRecord future = new BackupRecord(1, "data_files_20300101_000000", "data_files_20300101_000000", "data_files", false,
                "source missing", planted, planted.plusSeconds(1), null, 0, 0, null, null, null, null, List.of(), Map.of(), "h", "v", null);
        Files.write(folder.resolve(future.manifestName()), Manifests.toJson(future));
        OverdueCheck check = overdueCheck();

        runtime.raise(check.check());
        clock.advance(Duration.ofMinutes(15));
        runtime.raise(check.check());

        assertThat(greenMail.waitForIncomingEmail(WAIT_MS, 2)).isTrue();
        assertThat(greenMail.getReceivedMessages()).as("the second check is throttled").hasSize(2);
        assertThat(subject(greenMail.getReceivedMessages()[0])).startsWith("[backroute] data_files manifest FUTURE-DATED on ");
        assertThat(GreenMailUtil.getBody(greenMail.getReceivedMessages()[0]).replace("\r\n", "\n"))
                .contains("backup data_files_20300101_000000 claims to start at 2030-01-01T00:00:00Z, 27191 hours in the future")
                .contains("Backup id:     data_files_20300101_000000");
        assertThat(webhook.requests()).hasSize(1);
    }

    @Test
    void aManifestTheCatalogRefusesRaisesAnUntrustedAlertNamingItAndWhy() throws Exception {
        Path folder = Files.createDirectories(runtime.config.backupDir().resolve("data_files"));
        Files.writeString(folder.resolve("data_files_20261124_010000.manifest.json"), "{\"id\": \"data_files_20261124_010000\", \"artifact\": ");

        runtime.raise(overdueCheck().check());

        assertThat(greenMail.waitForIncomingEmail(WAIT_MS, 1)).isTrue();
        assertThat(subject(greenMail.getReceivedMessages()[0])).startsWith("[backroute] data_files manifest UNTRUSTED on ");
        assertThat(GreenMailUtil.getBody(greenMail.getReceivedMessages()[0]).replace("\r\n", "\n"))
                .contains("1 manifest(s) of data_files not trusted, first data_files_20261124_010000.manifest.json on local: ");
        assertThat(webhook.requests()).hasSize(1);
    }

    private OverdueCheck overdueCheck() {
        BackupManager manager = new BackupManager(runtime.config, new BackupCatalog(runtime.config), clock);
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        return new OverdueCheck(runtime.config, manager, new TypeAlerts(runtime.config, manager, clock),
                new BackupMetrics(() -> registry), clock);
    }

    @Test
    void anotherKindOrTypeIsItsOwnSeries() {
        runtime.alert(AlertRuntime.failure(clock.instant(), "backup broke"));
        Alert validation = new Alert(Alert.Kind.VALIDATION_FAILED, "data_files", "backup-host-1", "checksum mismatch", null, null,
                clock.instant(), "data_files_20261124_010000");
        runtime.alert(validation);
        runtime.alert(new Alert(Alert.Kind.BACKUP_FAILED, "logs", "backup-host-1", "logs: no such file or directory", null, null,
                clock.instant(), null));

        assertThat(greenMail.waitForIncomingEmail(WAIT_MS, 6)).isTrue();
        assertThat(Arrays.stream(greenMail.getReceivedMessages()).map(AlertRoutesTest::subject).distinct()).containsExactly(
                "[backroute] data_files backup FAILED on backup-host-1",
                "[backroute] data_files validation FAILED on backup-host-1",
                "[backroute] logs backup FAILED on backup-host-1");
        assertThat(webhook.requests()).hasSize(3);
    }

    @Test
    void aSuccessAfterAFailureSendsOneRecoveredMessage() throws Exception {
        runtime.alert(AlertRuntime.failure(clock.instant(), "first"));
        clock.advance(Duration.ofMinutes(5));
        runtime.alert(AlertRuntime.failure(clock.instant(), "second"));
        assertThat(greenMail.waitForIncomingEmail(WAIT_MS, 2)).isTrue();

        clock.advance(Duration.ofMinutes(5));
        runtime.succeeded("data_files");

        assertThat(greenMail.waitForIncomingEmail(WAIT_MS, 4)).isTrue();
        MimeMessage recovered = ops()[1];
        assertThat(recovered.getSubject()).isEqualTo("[backroute] data_files backup RECOVERED on " + Hosts.localHost());
        assertThat(GreenMailUtil.getBody(recovered).replace("\r\n", "\n"))
                .contains("Recovered from: backup FAILED")
                .contains("Failures:      2 failures since 2026-11-25T01:00:00Z")
                .contains("Last success:  2026-11-25T01:10:00Z");
        assertThat(webhook.requests()).hasSize(2);
        JsonNode slack = JSON.readTree(webhook.requests().get(1).body());
        assertThat(slack.get("text").asText()).isEqualTo("data_files backup RECOVERED on " + Hosts.localHost());
        assertThat(slack.get("blocks").get(1).get("text").get("text").asText())
                .isEqualTo("*Recovered from:* backup FAILED (2 failures since 2026-11-25T01:00:00Z)");

        // Recovered once: the next success, and the one after, say nothing.
        runtime.succeeded("data_files");
        assertThat(greenMail.getReceivedMessages()).hasSize(4);
        assertThat(webhook.requests()).hasSize(2);

        // And the next failure is a first alert again, not a reminder.
        runtime.alert(AlertRuntime.failure(clock.instant(), "third"));
        assertThat(greenMail.waitForIncomingEmail(WAIT_MS, 6)).isTrue();
        assertThat(ops()[2].getSubject()).isEqualTo("[backroute] data_files backup FAILED on backup-host-1");
    }

    @Test
    void aSuccessWithNothingOutstandingSendsNothing() {
        runtime.succeeded("data_files");
        runtime.alert(AlertRuntime.failure(clock.instant(), "logs broke"));   // another type's state must not matter
        runtime.succeeded("logs");

        assertThat(greenMail.waitForIncomingEmail(WAIT_MS, 2)).isTrue();
        assertThat(greenMail.getReceivedMessages()).hasSize(2);
        assertThat(webhook.requests()).hasSize(1);
    }

    @Test
    void throttlingSurvivesARestart() throws Exception {
        runtime.alert(AlertRuntime.failure(clock.instant(), "first"));
        assertThat(greenMail.waitForIncomingEmail(WAIT_MS, 2)).isTrue();
        runtime.close();

        runtime = startRuntime();
        clock.advance(Duration.ofMinutes(10));
        runtime.alert(AlertRuntime.failure(clock.instant(), "second, after a restart"));

        assertThat(greenMail.getReceivedMessages()).hasSize(2);
        assertThat(webhook.requests()).hasSize(1);
        JsonNode state = JSON.readTree(runtime.stateFile().toFile());
        assertThat(state.at("/open/data_files/BACKUP_FAILED/failures").asInt()).isEqualTo(2);
        assertThat(state.at("/open/data_files/BACKUP_FAILED/failures_since_last_alert").asInt()).isEqualTo(1);
    }

    /** One copy of each message sent, in arrival order (GreenMail holds one copy per recipient, mailbox by mailbox). */
    static MimeMessage[] ops() {
        return sent(greenMail);
    }

    static MimeMessage[] sent(GreenMailExtension server) {
        java.util.Map<String, MimeMessage> byId = new java.util.LinkedHashMap<>();
        for (MimeMessage m : server.getReceivedMessages()) {
            try {
                byId.putIfAbsent(m.getMessageID(), m);
            } catch (jakarta.mail.MessagingException e) {
                throw new IllegalStateException(e);
            }
        }
        return byId.values().toArray(MimeMessage[]::new);
    }

    private static String subject(MimeMessage m) {
        try {
            return m.getSubject();
        } catch (jakarta.mail.MessagingException e) {
            throw new IllegalStateException(e);
        }
    }

    static void assertNoSecretIn(String text) {
        assertThat(text).doesNotContain(AlertRuntime.SMTP_PASSWORD).doesNotContain(WebhookServer.PATH)
                .doesNotContain("hookSecretXyz123");
    }
}
