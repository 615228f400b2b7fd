package dev.backroute.alert;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetup;
import dev.backroute.testsupport.Cli;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A drill whose backup restores but breaks the operator's assertion: {@code drill} exits 1 naming the check, and exactly
 * one email (GreenMail) and one Slack webhook POST say so, as for a failed backup; a passing drill then says RECOVERED,
 * and the next failure is sent again.
 */
class DrillFailureAlertTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @RegisterExtension
    static GreenMailExtension greenMail = new GreenMailExtension(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP))
            .withConfiguration(GreenMailConfiguration.aConfig().withUser(AlertRuntime.FROM, AlertRuntime.SMTP_USER, AlertRuntime.SMTP_PASSWORD));

    @TempDir
    Path dir;

    @Test
    void aBrokenAssertionFailsTheDrillWithExitOneAndOneAlertNamingTheCheckUntilADrillPasses() throws Exception {
        try (WebhookServer webhook = new WebhookServer()) {
            Path config = dir.resolve("backup_config.json");
            Files.writeString(config, """
                    { "backup_dir": "backups",
                      "backup_types": { "data_files": { "schedule": "0 0 1 * * ?", "storage": ["local"], "source": { "paths": ["src"] },
                        "drill": { "assertions": [ { "name": "ratings exported", "glob": "src/ratings-*.csv", "min": 2 } ] } } },
                      "storage": { "local": { "type": "local", "path": "backups" } },
                      "alerts": { "email": %s, "slack": %s } }
                    """.formatted(AlertRuntime.email(greenMail.getSmtp().getPort(), "none", true), AlertRuntime.slackOn()));
            Files.createDirectories(dir.resolve("src"));
            Files.writeString(dir.resolve("src/ratings-2026-11.csv"), "user,movie,stars\n1,2,5\n");
            Map<String, String> env = AlertRuntime.env(webhook.url());
            assertThat(Cli.withConfig(env, config, "backup", "--type", "data_files").exitCode()).isZero();

            Cli.Result drill = Cli.withConfig(env, config, "drill", "--type", "data_files");

            assertThat(drill.exitCode()).as(drill.all()).isEqualTo(1);
            assertThat(drill.out()).contains("drill of data_files: FAILED: assertion ratings exported: expected at least 2 file(s)"
                    + " matching src/ratings-*.csv, got 1");
            assertThat(greenMail.waitForIncomingEmail(5_000, 2)).isTrue();
            MimeMessage[] mails = AlertRoutesTest.sent(greenMail);
            assertThat(mails).hasSize(1);
            assertThat(mails[0].getSubject()).contains("data_files").contains("drill").contains("FAILED");
            assertThat(GreenMailUtil.getBody(mails[0])).contains("assertion ratings exported");
            assertThat(webhook.requests()).hasSize(1);
            JsonNode post = JSON.readTree(webhook.requests().get(0).body());
            assertThat(post.get("text").asText()).contains("data_files").contains("assertion ratings exported: expected at least 2");

            // A passing drill ends the series with one notice; the next failure is news again, not a throttled repeat.
            Files.writeString(dir.resolve("src/ratings-2026-12.csv"), "user,movie,stars\n3,4,2\n");
            assertThat(Cli.withConfig(env, config, "backup", "--type", "data_files", "--force").exitCode()).isZero();
            assertThat(Cli.withConfig(env, config, "drill", "--type", "data_files").exitCode()).isZero();
            assertThat(greenMail.waitForIncomingEmail(5_000, 4)).isTrue();
            assertThat(AlertRoutesTest.sent(greenMail)[1].getSubject()).contains("data_files drill RECOVERED");
            Files.delete(dir.resolve("src/ratings-2026-12.csv"));
            assertThat(Cli.withConfig(env, config, "backup", "--type", "data_files", "--force").exitCode()).isZero();
            assertThat(Cli.withConfig(env, config, "drill", "--type", "data_files").exitCode()).isEqualTo(1);
            assertThat(greenMail.waitForIncomingEmail(5_000, 6)).isTrue();
            assertThat(AlertRoutesTest.sent(greenMail)).hasSize(3);
            assertThat(AlertRoutesTest.sent(greenMail)[2].getSubject()).contains("data_files drill FAILED").doesNotContain("still");
            assertThat(webhook.requests()).hasSize(3);
        }
    }
}
