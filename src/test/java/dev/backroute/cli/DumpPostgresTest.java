package dev.backroute.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.backroute.testsupport.Cli;
import dev.backroute.testsupport.JsonSchemas;
import dev.backroute.testsupport.MovieSchema;
import dev.backroute.testsupport.PgTestServer;
import dev.backroute.testsupport.RepositoryBackups;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code dump postgresql:<db>:latest | psql} on a real PostgreSQL 15: the custom-format dump comes out as the SQL script
 * pg_restore prints for it, and loading that into an empty database gives the same database; {@code --raw} gives the
 * stored dump itself; {@code ls} names the one stream.
 */
class DumpPostgresTest {
    private static PgTestServer server;

    @TempDir
    Path dir;

    @BeforeAll
    static void start() throws Exception {
        server = PgTestServer.start("dump-pw");
        server.execute("postgres", "CREATE DATABASE movies");
        server.execute("movies", MovieSchema.SQL);
    }

    @AfterAll
    static void stop() throws Exception {
        server.close();
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"archive", "repository"})
    void dumpOfACustomFormatBackupFedToPsqlGivesTheSameDatabase(String format) throws Exception {
        Files.writeString(dir.resolve("pg.pw"), server.password());
        Path config = Files.writeString(dir.resolve("backup_config.json"), """
                { "backup_types": {
                    "postgresql": { "compression": "zstd", "source": { "host": "127.0.0.1", "port": %d, "user": "postgres",
                                    "password_file": "pg.pw", "databases": ["movies"], "format": "custom" }%s } },
                  "storage": { "local": { "type": "local", "path": "backups" } },
                  "encryption": { "keyset_file": "" } }
                """.formatted(server.port(), format.equals("repository") ? ", " + RepositoryBackups.SMALL_CHUNKS : ""));
        Cli.Result backup = Cli.withConfig(config, "backup", "--type", "postgresql");
        assertThat(backup.exitCode()).as(backup.all()).isZero();
        String copy = "movies_copy_" + format;

        CliProcess sql = CliProcess.start(Files.createDirectories(dir.resolve("sql")), "dump", "postgresql:movies:latest",
                "--config", config.toString());
        assertThat(sql.exitStatus()).as(sql.stderr()).isZero();
        assertThat(sql.stderr()).isEmpty();
        assertThat(new String(sql.stdoutBytes(), StandardCharsets.UTF_8)).contains("CREATE TABLE public.movies");
        server.execute("postgres", "CREATE DATABASE " + copy);
        server.client(sql.stdoutBytes(), "psql", "--host=127.0.0.1", "--port=" + server.port(), "--username=postgres", "--no-password",
                "--no-psqlrc", "--quiet", "--set=ON_ERROR_STOP=1", "--dbname=" + copy);
        assertThat(server.dump(copy)).isEqualTo(server.dump("movies"));
        assertThat(server.count(copy, "movies")).isEqualTo(server.count("movies", "movies")).isPositive();

        CliProcess raw = CliProcess.start(Files.createDirectories(dir.resolve("raw")), "dump", "postgresql:movies:latest", "--raw",
                "--config", config.toString());
        assertThat(raw.exitStatus()).as(raw.stderr()).isZero();
        assertThat(Arrays.copyOf(raw.stdoutBytes(), 5)).isEqualTo("PGDMP".getBytes(StandardCharsets.US_ASCII));

        JsonNode ls = JsonSchemas.assertMatches("ls", 0, Cli.withConfig(config, "ls", "postgresql:movies:latest", "--json"));
        String id = ls.get("id").asText();
        assertThat(ls.get("kind").asText()).isEqualTo("postgresql");
        assertThat(ls.at("/stream/name").asText()).isEqualTo(id + ".dump");
        assertThat(ls.at("/stream/raw_bytes").asLong()).isEqualTo(raw.stdoutBytes().length);
        Cli.Result text = Cli.withConfig(config, "ls", "postgresql:movies:latest");
        assertThat(text.out()).isEqualTo(raw.stdoutBytes().length + " " + id + ".dump" + System.lineSeparator());

        Cli.Result path = Cli.withConfig(config, "dump", "postgresql:movies:latest", "movies.sql");
        assertThat(path.exitCode()).isEqualTo(2);
        assertThat(path.err()).isEqualTo("backroute: error: backup " + id + " is a postgresql dump, one stream without paths:"
                + " run `backroute dump " + id + "` without PATH" + System.lineSeparator());
    }
}
