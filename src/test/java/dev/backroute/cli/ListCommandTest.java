package dev.backroute.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.backroute.catalog.Manifests;
import dev.backroute.testsupport.Cli;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code list} over two types: together newest first, or one type; filtered by --since and cut by --limit. */
class ListCommandTest {
    private static final Pattern ROW = Pattern.compile("(?m)^(\\S+)\\s+((?:data_files|logs)_\\d{8}_\\d{6}(?:_\\d+)?)\\s");

    @TempDir
    static Path dir;

    static Path config;

    /** Made oldest first: data_files, logs, data_files. */
    static String firstData;
    static String logs;
    static String secondData;

    @BeforeAll
    static void threeBackupsOfTwoTypes() throws Exception {
        Files.createDirectories(dir.resolve("src"));
        Files.writeString(dir.resolve("src/a.txt"), "alpha");
        Files.createDirectories(dir.resolve("logsrc"));
        Files.writeString(dir.resolve("logsrc/app.log"), "started");
        config = Files.writeString(dir.resolve("backup_config.json"), """
                { "backup_dir": "backups",
                  "backup_types": {
                    "data_files": { "schedule": "0 0 1 * * ?", "storage": ["local"], "source": { "paths": ["src"] } },
                    "logs": { "schedule": "0 0 4 ? * SUN", "storage": ["local"], "source": { "paths": ["logsrc"] } } },
                  "storage": { "local": { "type": "local", "path": "backups" } } }
                """);
        firstData = backup("data_files");
        logs = backup("logs");
        secondData = backup("data_files");
    }

    @Test
    void withoutTypeEveryTypeIsListedTogetherNewestFirstWithItsType() throws Exception {
        Cli.Result text = Cli.withConfig(config, "list");
        assertThat(text.exitCode()).as(text.all()).isZero();
        assertThat(text.out().lines().findFirst().orElseThrow()).startsWith("TYPE       ID ");
        assertThat(rows(text.out())).containsExactly(
                "data_files " + secondData, "logs " + logs, "data_files " + firstData);

        JsonNode json = listJson("list");
        assertThat(json.get("type").isNull()).isTrue();
        assertThat(ids(json)).containsExactly(secondData, logs, firstData);
        assertThat(json.at("/backups/1/type").asText()).isEqualTo("logs");
        assertThat(json.at("/backups/1/success").asBoolean()).isTrue();
        assertThat(json.get("untrusted")).isEmpty();
    }

    @Test
    void withTypeOnlyThatTypeAndNoTypeColumn() throws Exception {
        Cli.Result text = Cli.withConfig(config, "list", "--type", "data_files");
        assertThat(text.exitCode()).as(text.all()).isZero();
        assertThat(text.out().lines().findFirst().orElseThrow()).startsWith("ID ");
        assertThat(text.out()).contains(secondData).contains(firstData).doesNotContain(logs);

        JsonNode json = listJson("list", "--type", "data_files");
        assertThat(json.get("type").asText()).isEqualTo("data_files");
        assertThat(ids(json)).containsExactly(secondData, firstData);
    }

    @Test
    void limitKeepsTheNewest() throws Exception {
        assertThat(ids(listJson("list", "--limit", "1"))).containsExactly(secondData);
        assertThat(ids(listJson("list", "--limit", "2"))).containsExactly(secondData, logs);
        assertThat(rows(Cli.withConfig(config, "list", "--limit", "1").out())).containsExactly("data_files " + secondData);

        Cli.Result zero = Cli.withConfig(config, "list", "--limit", "0");
        assertThat(zero.exitCode()).isEqualTo(2);
        assertThat(zero.err()).contains("--limit must be at least 1, got 0");
    }

    @Test
    void sinceAnInstantADateOrAnAge() throws Exception {
        String logsStarted = listJson("list", "--type", "logs").at("/backups/0/started_at").asText();
        assertThat(ids(listJson("list", "--since", logsStarted))).containsExactly(secondData, logs);
        assertThat(ids(listJson("list", "--since", logsStarted, "--limit", "1"))).containsExactly(secondData);
        assertThat(ids(listJson("list", "--since", "1h"))).containsExactly(secondData, logs, firstData);

        String tomorrow = LocalDate.now(ZoneOffset.UTC).plusDays(1).toString();
        assertThat(ids(listJson("list", "--since", tomorrow))).isEmpty();
        Cli.Result none = Cli.withConfig(config, "list", "--type", "logs", "--since", tomorrow);
        assertThat(none.exitCode()).isZero();
        assertThat(none.out()).startsWith("no backups of logs since " + tomorrow + " 00:00:00 UTC");
    }

    @Test
    void aSinceThatIsNotATimeIsAUsageError() {
        Cli.Result r = Cli.withConfig(config, "list", "--since", "last week");
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err().strip()).isEqualTo("backroute: error: Invalid value for option '--since': expected a date (2026-12-01),"
                + " an instant (2026-12-01T06:00:00Z) or an age in days or hours (7d, 24h), got 'last week'"
                + " (see: backroute list --help)");
    }

    private static String backup(String type) throws Exception {
        Cli.Result r = Cli.withConfig(config, "backup", "--type", type, "--force", "--json");
        assertThat(r.exitCode()).as(r.all()).isZero();
        return Manifests.mapper().readTree(r.out()).at("/results/0/backups/0/id").asText();
    }

    private static JsonNode listJson(String... args) throws Exception {
        List<String> all = new ArrayList<>(List.of(args));
        all.add("--json");
        Cli.Result r = Cli.withConfig(config, all.toArray(String[]::new));
        assertThat(r.exitCode()).as(r.all()).isZero();
        return Manifests.mapper().readTree(r.out());
    }

    private static List<String> ids(JsonNode list) {
        List<String> ids = new ArrayList<>();
        list.get("backups").forEach(b -> ids.add(b.get("id").asText()));
        return ids;
    }

    /** "TYPE ID" of each row of a listing of several types. */
    private static List<String> rows(String text) {
        List<String> rows = new ArrayList<>();
        Matcher m = ROW.matcher(text);
        while (m.find()) {
            rows.add(m.group(1) + " " + m.group(2));
        }
        return rows;
    }
}
