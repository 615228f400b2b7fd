package dev.backroute.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.backroute.catalog.BackupRecord;
import dev.backroute.cluster.ClusterMembers;
import dev.backroute.testsupport.Cli;
import dev.backroute.testsupport.PgTestServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The dashboard of a real {@code run}, in headless Chromium, over real backups and a real failure whose
 * error text is markup (it quotes a folder named like an {@code <img onerror>} tag); and with a cluster on a real
 * PostgreSQL, its members.
 */
class DashboardInBrowserTest {
    private static final String TOKEN = "dashboard-token-5e0a-c41d";
    private static final String CLUSTER_PASSWORD = "cluster-pw-81c2-d07e";
    private static final String MARKUP_MEMBER = "<img src=x onerror=document.title='pwned'>";

    @TempDir
    Path dir;

    @Test
    void afterTypingTheTokenAnOperatorSeesEachTypeTheFailureAsTextChartsOfTheBackupsAndTheirSizes() throws Exception {
        assumeTrue(DashboardBrowser.chromiumInstalled(), "needs Debian's chromium (.ci/run installs it)");
        BackupsWithAFailure storage = BackupsWithAFailure.write(dir, ", \"management\": { \"token_env\": \"MGMT_TOKEN\" }");
        BackupRecord failure = storage.status("data_files").lastFailure();
        assertThat(failure.error()).contains(BackupsWithAFailure.MARKUP_FOLDER);
        assertThat(Cli.withConfig(storage.config, "drill", "--type", "quality_reports").exitCode()).isZero();
        int port = ManagementServerTest.freePort();

        JsonNode page;
        try (RunProcess run = RunProcess.start(dir, storage.config, Map.of("MGMT_TOKEN", TOKEN), "--http-port", Integer.toString(port))) {
            page = DashboardBrowser.read(dir, "http://127.0.0.1:" + port + "/", TOKEN);
        }

        assertThat(page.get("scriptErrors")).as("errors in the page's script").isEmpty();
        assertThat(page.get("shownBeforeToken").asText()).as("data shown before the token was given").isEmpty();
        assertThat(page.get("refusedBeforeToken").toString()).as("requests refused before the token was given")
                .contains("/observe/dashboard.json").doesNotContain("\"/\"").doesNotContain("dashboard.js\"");
        assertThat(page.get("refusedAfterToken")).as("requests refused once the token was given").isEmpty();
        assertThat(page.get("loginVisible").asBoolean()).isFalse();
        JsonNode files = page.at("/types/0");
        JsonNode reports = page.at("/types/1");
        assertThat(List.of(files.get("name").asText(), reports.get("name").asText())).containsExactly("data_files", "quality_reports");

        // The error text is shown as the operator must read it, and its markup never became an element.
        assertThat(files.get("text").asText()).contains(failure.error()).contains(failure.id());
        assertThat(page.get("images").asInt()).isZero();
        assertThat(page.get("title").asText()).isEqualTo("Backroute");

        assertThat(files.get("bars").asInt()).as("data_files: a bar per successful backup").isEqualTo(2);
        assertThat(files.get("failures").asInt()).as("data_files: a mark per failure").isEqualTo(1);
        assertThat(files.get("durationDots").asInt()).as("data_files: a duration point per backup").isEqualTo(3);
        assertThat(files.get("durationLines").asInt()).isEqualTo(1);
        assertThat(numbers(files.get("barHeights"))).allMatch(h -> h > 0);
        assertThat(files.get("text").asText()).contains("2 backups").contains("last drill\nnever");
        assertThat(reports.get("text").asText()).containsPattern("last drill\npassed .*quality_reports_\\d{8}_\\d{6} · restored in");
        // The archives' logical size against what they take, and the compression ratio of the two.
        List<BackupRecord> kept = storage.backups("data_files").stream().filter(BackupRecord::success).toList();
        long raw = kept.stream().mapToLong(BackupRecord::rawBytes).sum();
        long stored = kept.stream().mapToLong(BackupRecord::storedBytes).sum();
        assertThat(files.get("text").asText()).containsPattern(Pattern.quote("local: " + Sizes.human(raw) + " logical · " + Sizes.human(stored)
                + " stored · compression ratio ") + "\\d+\\.\\d\\d\\b");
        assertThat(reports.get("bars").asInt()).isEqualTo(1);
        assertThat(reports.get("failures").asInt()).isZero();
        assertThat(reports.get("text").asText()).contains("last failure").contains("none").contains("1 backup");

        assertThat(files.get("text").asText()).as("without a cluster, the host name of this machine").contains(" · on ");
        assertThat(page.get("members")).as("no cluster, no members card").isEmpty();

        assertThat(page.get("metricsShown").asText()).as("the metrics link, fetched with the token")
                .contains("backroute_last_success_timestamp_seconds{type=\"data_files\"}");
        for (JsonNode url : page.get("urls")) {
            assertThat(url.asText()).as("a URL the page requested").doesNotContain(TOKEN).startsWith("http://127.0.0.1:" + port + "/");
        }
    }

    /**
     * With the cluster enabled: the type cards name the member that made the last success and failure, and a members
     * card lists every member the database holds with its state, a member named like markup shown as text.
     */
    @Test
    void withAClusterTheTypeCardsNameTheMemberAndAMembersCardShowsEachMemberAndItsState() throws Exception {
        assumeTrue(DashboardBrowser.chromiumInstalled(), "needs Debian's chromium (.ci/run installs it)");
        try (PgTestServer server = PgTestServer.start(CLUSTER_PASSWORD)) {
            server.execute("postgres", "CREATE DATABASE cluster");
            Files.writeString(dir.resolve("cluster.password"), CLUSTER_PASSWORD);
            String where = "jdbc:postgresql://127.0.0.1:" + server.port() + "/cluster";
            BackupsWithAFailure storage = BackupsWithAFailure.write(dir, ", \"management\": { \"token_env\": \"MGMT_TOKEN\" },"
                    + " \"cluster\": { \"enabled\": true, \"jdbc_url\": \"" + where + "\", \"user\": \"postgres\","
                    + " \"password_file\": \"cluster.password\", \"instance\": \"host-a\", \"checkin_seconds\": 2 }");
            try (Connection c = server.connect("cluster"); Statement s = c.createStatement()) {
                ClusterMembers.createTable(c);
                ClusterMembers.started(c, "host-b", 2);
                ClusterMembers.stopped(c, "host-b");
                ClusterMembers.started(c, "host-c", 2);
                s.execute("UPDATE backroute_cluster_members SET last_checkin = now() - interval '3 hours' WHERE instance = 'host-c'");
                // Whoever can write the database can name a member anything; the page shows it as text.
                ClusterMembers.started(c, MARKUP_MEMBER, 600);
            }
            int port = ManagementServerTest.freePort();

            JsonNode page;
            try (RunProcess run = RunProcess.start(dir, storage.config, Map.of("MGMT_TOKEN", TOKEN), "--http-port", Integer.toString(port))) {
                page = DashboardBrowser.read(dir, "http://127.0.0.1:" + port + "/", TOKEN);
            }

            assertThat(page.get("scriptErrors")).as("errors in the page's script").isEmpty();
            JsonNode files = page.at("/types/0");
            assertThat(files.get("text").asText()).containsPattern("last success\n.* · on host-a\n")
                    .containsPattern("last failure\n.* · on host-a\n");
            assertThat(page.get("members")).hasSize(1);
            JsonNode members = page.at("/members/0");
            String text = members.get("text").asText();
            assertThat(text).contains("database\n" + where).contains("this member\nhost-a").doesNotContain(CLUSTER_PASSWORD);
            assertThat(text).containsPattern("host-b\nstopped at \\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d UTC · last check-in \\d+ s ago\n")
                    .containsPattern("host-c\nSILENT since \\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d UTC · last check-in 3 h ago")
                    .contains(MARKUP_MEMBER + "\nrunning since ");
            assertThat(members.get("badge").asText()).isEqualTo("1 silent");
            assertThat(members.get("states").toString()).contains("\"stopped\"", "\"silent\"", "\"running\"");
            assertThat(page.get("images").asInt()).as("the markup-named member became no element").isZero();
            assertThat(page.get("title").asText()).isEqualTo("Backroute");
        }
    }

    private static List<Double> numbers(JsonNode array) {
        List<Double> values = new ArrayList<>();
        array.forEach(n -> values.add(n.asDouble()));
        return values;
    }
}
