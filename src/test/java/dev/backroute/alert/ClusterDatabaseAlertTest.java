package dev.backroute.alert;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetup;
import dev.backroute.camel.BackrouteRuntime;
import dev.backroute.camel.ManagementEndpoint;
import dev.backroute.camel.RuntimeMode;
import dev.backroute.config.BackupConfig;
import dev.backroute.testsupport.PgClusterFixture;
import dev.backroute.testsupport.PgTestServer;
import jakarta.mail.internet.MimeMessage;
import org.apache.camel.CamelContext;
import org.apache.camel.builder.NotifyBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The {@code run} runtime of a cluster member whose database goes away and comes back: one email and one Slack POST say the
 * scheduler cannot reach its database, however many check-ins fail meanwhile, the health check is DOWN saying why, and
 * one RECOVERED notice follows once the database is back; a silent member turns the health check DOWN too.
 */
class ClusterDatabaseAlertTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @RegisterExtension
    static GreenMailExtension greenMail = new GreenMailExtension(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP))
            .withConfiguration(GreenMailConfiguration.aConfig().withUser(AlertRuntime.FROM, AlertRuntime.SMTP_USER, AlertRuntime.SMTP_PASSWORD));

    @RegisterExtension
    static final PgClusterFixture clusterDb = new PgClusterFixture("cluster-Pw-7");

    @TempDir
    Path dir;

    @Test
    void theDatabaseGoingAwayIsOneUnreachableAlertAndItsReturnOneRecoveredNotice() throws Exception {
        PgTestServer db = clusterDb.server();
        try (WebhookServer webhook = new WebhookServer()) {
            String where = clusterDb.jdbcUrl();
            Files.createDirectories(dir.resolve("src"));
            Path file = dir.resolve("backup_config.json");
            Files.writeString(file, """
                    { "backup_dir": "backups",
                      "backup_types": { "data_files": { "schedule": "0 0 1 * * ?", "storage": ["local"], "source": { "paths": ["src"] } } },
                      "storage": { "local": { "type": "local", "path": "backups" } },
                      "alerts": { "email": %s, "slack": %s, "throttle_minutes": 60 },
                      "cluster": { "enabled": true, "jdbc_url": "%s", "user": "postgres", "password_env": "CLUSTER_PW",
                                   "instance": "host-a", "checkin_seconds": 1 } }
                    """.formatted(AlertRuntime.email(greenMail.getSmtp().getPort(), "none", true), AlertRuntime.slackOn(), where));
            Map<String, String> env = new HashMap<>(AlertRuntime.env(webhook.url()));
            env.putAll(clusterDb.env());
            BackupConfig config = BackupConfig.loadFromFile(file, env);
            int port = freePort();

            try (BackrouteRuntime runtime = new BackrouteRuntime(config, env, Clock.systemUTC(), Path.of("routes"),
                    RuntimeMode.service(ManagementEndpoint.of(config.management(), null, port, env)))) {
                ticks(runtime.context(), 1);
                assertThat(health(port).path("status").asText()).isEqualTo("UP");
                assertThat(get(port, "/observe/metrics")).contains("backroute_cluster_database_up 1.0")
                        .contains("backroute_cluster_members{state=\"running\"} 1.0")
                        .contains("backroute_cluster_member_last_checkin_timestamp_seconds{member=\"host-a\"}");

                db.stop();
                try {
                    awaitMails(1);
                    ticks(runtime.context(), 3);

                    MimeMessage[] mails = AlertRoutesTest.sent(greenMail);
                    assertThat(mails).hasSize(1);
                    assertThat(mails[0].getSubject()).startsWith("[backroute] scheduler UNREACHABLE on ");
                    String body = GreenMailUtil.getBody(mails[0]);
                    assertThat(body).contains("cluster database " + where + " cannot be used: ")
                            .contains("Check with: backroute status\r\n").doesNotContain("--type").doesNotContain("Backup id");
                    assertThat(webhook.requests()).hasSize(1);
                    JsonNode post = JSON.readTree(webhook.requests().get(0).body());
                    assertThat(post.get("text").asText()).startsWith("scheduler UNREACHABLE on ")
                            .contains(": cluster database " + where + " cannot be used: ");
                    JsonNode down = health(port);
                    assertThat(down.path("status").asText()).isEqualTo("DOWN");
                    assertThat(check(down, "cluster").path("data").path("database").asText())
                            .startsWith("DOWN: cluster database " + where + " cannot be used: ");
                    assertThat(get(port, "/observe/metrics")).contains("backroute_cluster_database_up 0.0");
                } finally {
                    db.start();
                }

                awaitMails(2);
                ticks(runtime.context(), 3);
                MimeMessage[] mails = AlertRoutesTest.sent(greenMail);
                assertThat(mails).hasSize(2);
                assertThat(mails[1].getSubject()).startsWith("[backroute] scheduler RECOVERED on ");
                assertThat(GreenMailUtil.getBody(mails[1])).contains("scheduler UNREACHABLE")
                        .contains("Alerts for the scheduler are re-armed.");
                assertThat(webhook.requests()).hasSize(2);
                assertThat(health(port).path("status").asText()).isEqualTo("UP");

                // A member that stopped checking in without stopping cleanly turns the check DOWN, named.
                db.execute("cluster", "INSERT INTO backroute_cluster_members VALUES ('host-b', timestamptz '2020-01-01 01:00:00+00',"
                        + " timestamptz '2020-01-01 03:00:00+00', 15, NULL)");
                ticks(runtime.context(), 1);
                JsonNode silent = health(port);
                assertThat(silent.path("status").asText()).isEqualTo("DOWN");
                assertThat(check(silent, "cluster").path("data").path("member host-b").asText())
                        .startsWith("DOWN: SILENT, last check-in 2020-01-01T03:00:00Z");
                assertThat(check(silent, "cluster").path("data").path("members").asText()).isEqualTo("2 (1 running, 1 silent)");
            }

            // Stopped cleanly: the others do not count this member as silent.
            try (var c = db.connect("cluster"); Statement s = c.createStatement();
                 ResultSet r = s.executeQuery("SELECT stopped_at IS NOT NULL FROM backroute_cluster_members WHERE instance = 'host-a'")) {
                assertThat(r.next()).isTrue();
                assertThat(r.getBoolean(1)).isTrue();
            }
        }
    }

    /**
     * Waits until {@code n} alert emails arrived. Not GreenMail's waitForIncomingEmail: it counts a message to two recipients
     * twice when it is already there but once when it arrives while waiting.
     */
    private static void awaitMails(int n) throws InterruptedException {
        Instant deadline = Instant.now().plusSeconds(60);
        while (AlertRoutesTest.sent(greenMail).length < n && Instant.now().isBefore(deadline)) {
            Thread.sleep(100);
        }
        assertThat(AlertRoutesTest.sent(greenMail)).as("alert emails").hasSizeGreaterThanOrEqualTo(n);
    }

    /** Waits for {@code n} more check-ins of the cluster-watch route, alerts raised. */
    private static void ticks(CamelContext context, int n) {
        NotifyBuilder more = new NotifyBuilder(context).fromRoute("cluster-watch").whenCompleted(n).create();
        assertThat(more.matches(60, TimeUnit.SECONDS)).as(n + " more check-ins").isTrue();
    }

    private static JsonNode health(int port) throws Exception {
        return JSON.readTree(get(port, "/observe/health?exposureLevel=full&data=true"));
    }

    private static String get(int port, String path) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).build(),
                HttpResponse.BodyHandlers.ofString()).body();
    }

    private static JsonNode check(JsonNode health, String id) {
        for (JsonNode c : health.path("checks")) {
            if (id.equals(c.path("name").asText())) {
                return c;
            }
        }
        throw new AssertionError("no health check " + id + " in " + health);
    }

    private static int freePort() throws Exception {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
