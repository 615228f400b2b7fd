package dev.backroute.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.backroute.catalog.Manifests;
import dev.backroute.testsupport.Cli;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/** A config with several mistakes: every one is reported with its JSON path, in one run, exit status 2. */
class ConfigProblemsOutputTest {
    private static final String TYPES = "\"backup_types\": { \"data_files\": { \"source\": { \"paths\": [\"src\"] } } }";

    @TempDir
    Path dir;

    @Test
    void independentMistakesInDifferentSectionsAreAllReported() throws Exception {
        Path config = write("""
                { "backup_types": { "data_files": { "retention_days": "x", "source": { "paths": ["src"] } } },
                  "storage": { "local": { "type": "local", "path": "backups" }, "nas": { "type": "local", "path": 5 } },
                  "alerts": { "email": { "tls": "tls" } } }
                """);

        Cli.Result r = Cli.withConfig(config, "status");

        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err().lines()).containsExactly(
                "backroute: error: 3 problems in " + config,
                "  backup_types.data_files.retention_days: must be a positive integer, got \"x\"",
                "  storage.nas.path: must be a string, got 5",
                "  alerts.email.tls: must be one of 'none', 'starttls', 'ssl', got 'tls'");
        assertThat(r.out()).isEmpty();
    }

    @Test
    void withJsonTheProblemsAreListedWithPathAndMessage() throws Exception {
        Path config = write("""
                { "backup_types": { "data_files": { "retention_days": "x", "source": { "paths": ["src"] } } },
                  "storage": { "local": { "type": "local", "path": "backups" }, "nas": { "type": "local", "path": 5 } },
                  "alerts": { "email": { "tls": "tls" } } }
                """);

        Cli.Result r = Cli.withConfig(config, "status", "--json");

        assertThat(r.exitCode()).isEqualTo(2);
        JsonNode error = Manifests.mapper().readTree(r.out());
        assertThat(error.get("error").asText()).isEqualTo("3 problems in " + config);
        assertThat(error.get("problems")).hasSize(3);
        assertThat(error.at("/problems/0").size()).as("fields of a problem").isEqualTo(2);
        assertThat(error.at("/problems/0/path").asText()).isEqualTo("backup_types.data_files.retention_days");
        assertThat(error.at("/problems/0/message").asText()).isEqualTo("must be a positive integer, got \"x\"");
        assertThat(error.at("/problems/1/path").asText()).isEqualTo("storage.nas.path");
        assertThat(error.at("/problems/2/path").asText()).isEqualTo("alerts.email.tls");
        assertThat(error.get("problems_not_shown").asInt()).isZero();
        assertThat(r.err()).startsWith("backroute: error: 3 problems in " + config);
    }

    @Test
    void aSingleProblemStaysOneLineAndIsAlsoListedInJson() throws Exception {
        Path config = write("{ " + TYPES + ", \"backupdir\": \"b\" }");

        Cli.Result text = Cli.withConfig(config, "status");
        Cli.Result json = Cli.withConfig(config, "status", "--json");

        String problem = "backupdir: unknown key; expected one of backup_dir, backup_types, storage, encryption, alerts,"
                + " operations, management, cluster; did you mean 'backup_dir'?";
        assertThat(text.exitCode()).isEqualTo(2);
        assertThat(text.err().lines()).containsExactly("backroute: error: " + problem);
        assertThat(json.exitCode()).isEqualTo(2);
        JsonNode error = Manifests.mapper().readTree(json.out());
        assertThat(error.get("error").asText()).isEqualTo(problem);
        assertThat(error.at("/problems/0/path").asText()).isEqualTo("backupdir");
        assertThat(error.get("problems")).hasSize(1);
    }

    @Test
    void pastTwentyProblemsTheRestAreCounted() throws Exception {
        String unknownKeys = IntStream.rangeClosed(1, 23).mapToObj(i -> String.format("\"extra_%02d\": 1", i))
                .collect(Collectors.joining(", "));
        Path config = write("{ " + TYPES + ", " + unknownKeys + " }");

        Cli.Result text = Cli.withConfig(config, "status");
        Cli.Result json = Cli.withConfig(config, "status", "--json");

        assertThat(text.exitCode()).isEqualTo(2);
        List<String> lines = text.err().lines().toList();
        assertThat(lines).hasSize(1 + ErrorReporter.MAX_PROBLEMS_SHOWN + 1);
        assertThat(lines.get(0)).isEqualTo("backroute: error: 23 problems in " + config);
        assertThat(lines.get(1)).startsWith("  extra_01: unknown key; expected one of backup_dir,");
        assertThat(lines.get(20)).startsWith("  extra_20: unknown key;");
        assertThat(lines.get(21)).isEqualTo("  ... and 3 more");

        JsonNode error = Manifests.mapper().readTree(json.out());
        assertThat(error.get("error").asText()).isEqualTo("23 problems in " + config);
        assertThat(error.get("problems")).hasSize(ErrorReporter.MAX_PROBLEMS_SHOWN);
        assertThat(error.at("/problems/19/path").asText()).isEqualTo("extra_20");
        assertThat(error.get("problems_not_shown").asInt()).isEqualTo(3);
    }

    @Test
    void anErrorThatIsNotAboutTheConfigIsAJsonDocumentWithoutProblems() throws Exception {
        Path config = write("{ " + TYPES + " }");

        Cli.Result r = Cli.withConfig(config, "validate", "--type", "data_files", "--json");

        assertThat(r.exitCode()).isEqualTo(2);
        JsonNode error = Manifests.mapper().readTree(r.out());
        assertThat(error.get("error").asText()).isEqualTo("--type needs --latest (or use --backup-path ID, or --all)");
        assertThat(error.has("problems")).isFalse();
    }

    private Path write(String json) throws Exception {
        return Files.writeString(dir.resolve("backup_config.json"), json);
    }
}
