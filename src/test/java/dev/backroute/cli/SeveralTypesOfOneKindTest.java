package dev.backroute.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.backroute.crypto.Keyset;
import dev.backroute.testsupport.Cli;
import dev.backroute.testsupport.MovieSchema;
import dev.backroute.testsupport.PgTestServer;
import dev.backroute.testsupport.RepositoryBackups;
import dev.backroute.testsupport.SampleTree;
import dev.backroute.testsupport.TreeAssert;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Types are instances of kinds: two files types and two postgresql types, each postgresql type on its own real
 * server with its own password, one of each kind kept in its repository and the other as archives, back up in
 * one run and each restores what its own source held.
 */
class SeveralTypesOfOneKindTest {
    private static PgTestServer movies;
    private static PgTestServer analytics;

    @TempDir
    Path dir;

    @BeforeAll
    static void startServers() throws Exception {
        movies = PgTestServer.start("movies-pw");
        movies.execute("postgres", "CREATE DATABASE movies");
        movies.execute("movies", MovieSchema.SQL);
        analytics = PgTestServer.start("analytics-pw");
        analytics.execute("postgres", "CREATE DATABASE events");
        analytics.execute("events", "CREATE TABLE clicks (user_id int, movie_id int, at timestamptz);"
                + " INSERT INTO clicks SELECT g % 97, g % 13, timestamptz '2026-01-01' + g * interval '1 minute'"
                + " FROM generate_series(1, 5000) g");
    }

    @AfterAll
    static void stopServers() throws Exception {
        movies.close();
        analytics.close();
    }

    @Test
    void twoFilesTypesAndTwoPostgresqlTypesEachBackUpAndRestoreTheirOwnSource() throws Exception {
        SampleTree.create(dir.resolve("data"));
        Path models = Files.createDirectories(dir.resolve("models/v3"));
        Files.write(models.resolve("weights.bin"), new byte[300_000]);
        Files.writeString(models.resolve("config.json"), "{\"layers\": 12}");
        Files.writeString(dir.resolve("movies.pw"), movies.password());
        Files.writeString(dir.resolve("analytics.pw"), analytics.password());
        Keyset.generate(dir.resolve("keyset.json"));
        Path config = Files.writeString(dir.resolve("backup_config.json"), """
                { "backup_types": {
                    "data_files": { "source": { "paths": ["data"] }, %s },
                    "ml_models": { "kind": "files", "compression": "zstd", "encrypt": true, "retention_days": 180,
                                   "source": { "paths": ["models"] } },
                    "postgresql": { "source": { "host": "127.0.0.1", "port": %d, "user": "postgres",
                                                "password_file": "movies.pw", "databases": ["movies"] } },
                    "pg_analytics": { "kind": "postgresql", "encrypt": true,
                                      "source": { "host": "127.0.0.1", "port": %d, "user": "postgres",
                                                  "password_file": "analytics.pw", "databases": ["events"], "format": "custom" }, %s } },
                  "storage": { "local": { "type": "local", "path": "backups" } },
                  "encryption": { "keyset_file": "keyset.json" } }
                """.formatted(RepositoryBackups.SMALL_CHUNKS, movies.port(), analytics.port(), RepositoryBackups.SMALL_CHUNKS));

        Cli.Result backup = Cli.withConfig(config, "backup", "--type", "all", "--json");
        assertThat(backup.exitCode()).as(backup.all()).isZero();
        List<String> types = new ArrayList<>();
        new ObjectMapper().readTree(backup.out()).get("results").forEach(r -> types.add(r.get("type").asText()));
        assertThat(types).containsExactly("postgresql", "data_files", "ml_models", "pg_analytics");
        assertThat(dir.resolve("backups/ml_models")).isDirectory();
        assertThat(dir.resolve("backups/pg_analytics")).isDirectory();
        // One run, both formats: each type's format is its own.
        RepositoryBackups.assertLatestInRepositoryOn(config, "data_files", "local");
        RepositoryBackups.assertLatestInRepositoryOn(config, "pg_analytics", "local");
        RepositoryBackups.assertKeyWrapped(config, "pg_analytics", "local");
        assertThat(dir.resolve("backups/ml_models/repository")).doesNotExist();
        assertThat(dir.resolve("backups/postgresql/repository")).doesNotExist();

        Path data = recover(config, "data_files:latest", dir.resolve("out-data").toString());
        TreeAssert.assertSameTree(dir.resolve("data"), data.resolve("data"));
        Path model = recover(config, "ml_models:latest", dir.resolve("out-models").toString());
        TreeAssert.assertSameTree(dir.resolve("models"), model.resolve("models"));

        recover(config, "postgresql:movies:latest", "postgresql://postgres@127.0.0.1:" + movies.port() + "/movies_copy");
        assertThat(movies.dump("movies_copy")).isEqualTo(movies.dump("movies"));
        recover(config, "pg_analytics:events:latest", "postgresql://postgres@127.0.0.1:" + analytics.port() + "/events_copy");
        assertThat(analytics.dump("events_copy")).isEqualTo(analytics.dump("events"));
        assertThat(analytics.count("events_copy", "clicks")).isEqualTo(5000);

        Cli.Result list = Cli.withConfig(config, "list", "--type", "pg_analytics", "--json");
        JsonNode listed = new ObjectMapper().readTree(list.out());
        assertThat(list.exitCode()).as(list.all()).isZero();
        assertThat(listed.toString()).contains("pg_analytics_").doesNotContain("postgresql_");
        Cli.Result validate = Cli.withConfig(config, "validate", "--all");
        assertThat(validate.exitCode()).as(validate.all()).isZero();
    }

    private static Path recover(Path config, String ref, String destination) {
        Cli.Result r = Cli.withConfig(config, "recover", "--backup-path", ref, "--destination", destination);
        assertThat(r.exitCode()).as(ref + ": " + r.all()).isZero();
        return Path.of(destination);
    }
}
