package dev.backroute.alert;

import dev.backroute.BackrouteExchange;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetup;
import dev.backroute.camel.BackrouteRuntime;
import dev.backroute.camel.ManagementEndpoint;
import dev.backroute.camel.RuntimeMode;
import dev.backroute.config.BackupConfig;
import jakarta.mail.internet.MimeMessage;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.support.DefaultExchange;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A backup failing in the run runtime: retried as configured, recorded, then exactly one email (GreenMail)
 * and one webhook POST; a second failure inside the throttle window sends nothing; the next success sends
 * "recovered".
 */
class BackupFailureAlertsEndToEndTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @RegisterExtension
    static GreenMailExtension greenMail = new GreenMailExtension(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP))
            .withConfiguration(GreenMailConfiguration.aConfig().withUser(AlertRuntime.FROM, AlertRuntime.SMTP_USER, AlertRuntime.SMTP_PASSWORD));

    @TempDir
    Path dir;

    @Test
    void failureIsRetriedThenAlertedOnceThrottledThenRecovered() throws Exception {
        try (WebhookServer webhook = new WebhookServer()) {
            Path config = dir.resolve("backup_config.json");
            Files.writeString(config, """
                    { "backup_types": { "data_files": { "schedule": "0 0 1 * * ?", "storage": ["local"], "source": { "paths": ["src"] } } },
                      "alerts": { "email": %s, "slack": %s, "throttle_minutes": 60 },
                      "operations": { "retry": { "max_redeliveries": 2, "delay_seconds": 0 } } }
                    """.formatted(AlertRuntime.email(greenMail.getSmtp().getPort(), "none", true), AlertRuntime.slackOn()));
            Map<String, String> env = AlertRuntime.env(webhook.url());
            BackupConfig loaded = BackupConfig.loadFromFile(config, env);
            try (BackrouteRuntime runtime = new BackrouteRuntime(loaded, env, Clock.systemUTC(), Path.of("routes"),
                    RuntimeMode.service(ManagementEndpoint.of(loaded.management(), null, freePort(), env)));
                 ProducerTemplate producer = runtime.context().createProducerTemplate()) {

                try (LogCapture logs = new LogCapture()) {
                    fire(runtime, producer);
                    assertThat(logs.lines(ch.qos.logback.classic.Level.WARN)).filteredOn(l -> l.contains("Failed delivery"))
                            .as("the first try and two redeliveries").hasSize(3);
                }
                assertThat(greenMail.waitForIncomingEmail(5_000, 2)).isTrue();
                MimeMessage[] mails = AlertRoutesTest.sent(greenMail);
                assertThat(mails).hasSize(1);
                assertThat(mails[0].getSubject()).contains("data_files").contains("FAILED");
                assertThat(webhook.requests()).hasSize(1);
                JsonNode post = JSON.readTree(webhook.requests().get(0).body());
                assertThat(post.get("text").asText()).contains("data_files").contains("does not exist");

                fire(runtime, producer);
                assertThat(AlertRoutesTest.sent(greenMail)).hasSize(1);
                assertThat(webhook.requests()).hasSize(1);

                Files.createDirectories(dir.resolve("src"));
                fire(runtime, producer);
                assertThat(greenMail.waitForIncomingEmail(5_000, 4)).isTrue();
                assertThat(AlertRoutesTest.sent(greenMail)).hasSize(2);
                assertThat(AlertRoutesTest.sent(greenMail)[1].getSubject()).contains("RECOVERED");
                assertThat(webhook.requests()).hasSize(2);
                assertThat(webhook.requests().get(1).body()).contains("RECOVERED");
            }
        }
    }

    /** One run as the schedule starts it: the backup route, then after-backup, which raises the success. */
    private static Exchange fire(BackrouteRuntime runtime, ProducerTemplate producer) {
        Exchange e = new DefaultExchange(runtime.context());
        e.setProperty(BackrouteExchange.TYPE, "data_files");
        return producer.send("direct:after-backup", producer.send("direct:backup-data_files", e));
    }

    private static int freePort() throws Exception {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
