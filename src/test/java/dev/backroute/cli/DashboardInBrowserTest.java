package dev.backroute.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.backroute.catalog.BackupRecord;
import dev.backroute.testsupport.Cli;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The dashboard of a real {@code run}, in headless Chromium, over real backups and a real failure whose
 * error text is markup (it quotes a folder named like an {@code <img onerror>} tag).
 */
class DashboardInBrowserTest {
    private static final String TOKEN = "dashboard-token-5e0a-c41d";

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

        assertThat(page.get("metricsShown").asText()).as("the metrics link, fetched with the token")
                .contains("backroute_last_success_timestamp_seconds{type=\"data_files\"}");
        for (JsonNode url : page.get("urls")) {
            assertThat(url.asText()).as("a URL the page requested").doesNotContain(TOKEN).startsWith("http://127.0.0.1:" + port + "/");
        }
    }

    private static List<Double> numbers(JsonNode array) {
        List<Double> values = new ArrayList<>();
        array.forEach(n -> values.add(n.asDouble()));
        return values;
    }
}
