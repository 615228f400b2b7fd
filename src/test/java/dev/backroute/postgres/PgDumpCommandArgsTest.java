package dev.backroute.postgres;

import dev.backroute.config.SecretRef;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** What pg_dump and pg_dumpall are told, per unit and format: never the password, which only the child's environment holds. */
class PgDumpCommandArgsTest {
    private static final Path DUMP = Path.of("/b/.staging/pg_20260304_050607.pg_dump.part");
    private static final PgEndpoint ENDPOINT = new PgEndpoint("db", 5433, "backup", "s3cret", "movies");

    @Test
    void aPlainDatabaseDumpIsAnSqlScriptToTheStagingFile() {
        assertThat(PgDumpCommand.args(source("plain", false), ENDPOINT, false, DUMP)).containsExactly(
                "--format=plain", "--file=" + DUMP, "--host=db", "--port=5433", "--username=backup", "--no-password",
                "--dbname=dbname='movies'");
    }

    @Test
    void aCustomFormatDumpIsLeftUncompressedForThePipeline() {
        assertThat(PgDumpCommand.args(source("custom", false), ENDPOINT, false, DUMP))
                .containsExactly("--format=custom", "--compress=0", "--file=" + DUMP, "--host=db", "--port=5433",
                        "--username=backup", "--no-password", "--dbname=dbname='movies'");
    }

    @Test
    void theGlobalsAreDumpedThroughTheMaintenanceDatabaseWithoutAFormat() {
        assertThat(PgDumpCommand.args(source("custom", true), ENDPOINT.withDatabase("postgres"), true, DUMP)).containsExactly(
                "--globals-only", "--file=" + DUMP, "--host=db", "--port=5433", "--username=backup", "--no-password",
                "--database=postgres");
    }

    @Test
    void theUnitsAreTheDatabasesThenTheGlobalsWhenAsked() {
        assertThat(PgDumpCommand.units(source("plain", true))).containsExactly("movies", "users", PgDumpCommand.GLOBALS);
        assertThat(PgDumpCommand.units(source("plain", false))).containsExactly("movies", "users");
    }

    private static PostgresSource source(String format, boolean globals) {
        return new PostgresSource("db", 5433, "backup", new SecretRef("password", "PGPASSWORD", null), List.of("movies", "users"), format, globals, null);
    }
}
