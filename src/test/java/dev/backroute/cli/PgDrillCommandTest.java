package dev.backroute.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.backroute.catalog.Manifests;
import dev.backroute.testsupport.Cli;
import dev.backroute.testsupport.PgTestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code drill} of a PostgreSQL type against a real server, through the CLI: a run of two databases and the globals,
 * one of them breaking the operator's assertion; and a drill killed with SIGKILL while psql loads its scratch database.
 */
class PgDrillCommandTest {
    private static PgTestServer pg;

    @TempDir
    Path dir;

    @BeforeAll
    static void startServer() throws Exception {
        pg = PgTestServer.start("drill-cli-pw");
        pg.execute("postgres", "CREATE DATABASE catalog");
        // Enough rows that psql takes a while to load them and build the index: time to kill the drill meanwhile.
        pg.execute("catalog", "CREATE TABLE titles AS SELECT g AS id, md5(g::text) || md5((g * 7)::text) AS v"
                + " FROM generate_series(1, 600000) g; CREATE INDEX ON titles (v)");
        pg.execute("postgres", "CREATE DATABASE shrinking");
        pg.execute("shrinking", "CREATE TABLE movies (id int PRIMARY KEY, title text);"
                + " INSERT INTO movies SELECT g, 'Movie ' || g FROM generate_series(1, 1000) g; DELETE FROM movies WHERE id > 990");
    }

    @AfterAll
    static void stopServer() throws Exception {
        pg.close();
    }

    @Test
    void aRunBreakingAnAssertionFailsTheDrillNamingTheCheckAndLeavesTheSourceAndNoScratchDatabase() throws Exception {
        Path config = config("""
                "databases": ["catalog", "shrinking"], "globals": true""", """
                "assertions": [ { "name": "movies loaded", "sql": "SELECT count(*) FROM movies", "min": 1000, "database": "shrinking" } ]""");
        assertThat(Cli.withConfig(config, "backup", "--type", "postgresql").exitCode()).isZero();
        String before = pg.dump("shrinking") + pg.dump("catalog");

        Cli.Result drill = Cli.withConfig(config, "drill", "--type", "postgresql");

        assertThat(drill.exitCode()).as(drill.all()).isEqualTo(1);
        assertThat(drill.out()).contains("drill of postgresql: FAILED: assertion movies loaded: expected at least 1000, got 990")
                .contains("ok     rows public.titles: 600000").contains("ok     rows public.movies: 990");
        JsonNode record = Manifests.mapper().readTree(drillRecords().get(0).toFile());
        assertThat(record.get("backups")).as("every backup of the run: both databases and the globals").hasSize(3);
        assertThat(scratchDatabases()).isEmpty();
        assertThat(pg.dump("shrinking") + pg.dump("catalog")).as("the sources, dumped before and after").isEqualTo(before);
    }

    @Test
    void aDrillKilledWhileLoadingLeavesNoRecordAndTheNextDrillDropsItsScratchDatabase() throws Exception {
        Path config = config("\"databases\": [\"catalog\"]", "");
        assertThat(Cli.withConfig(config, "backup", "--type", "postgresql").exitCode()).isZero();

        CliProcess drill = CliProcess.start(dir.resolve("killed"), "drill", "--type", "postgresql", "--config", config.toString());
        InterruptedDatabaseRecoverTest.awaitChild(drill, "psql");
        drill.process().destroyForcibly(); // SIGKILL: no hook runs; psql is left loading on its own
        drill.process().waitFor();
        assertThat(scratchDatabases()).as("the killed drill's scratch database").hasSize(1);
        assertThat(drillRecords()).as("a killed drill records nothing, least of all a success").isEmpty();

        Cli.Result next = Cli.withConfig(config, "drill", "--type", "postgresql");

        assertThat(next.exitCode()).as(next.all()).isZero();
        assertThat(next.err()).contains("dropping database catalog_drill_").contains(", left by an earlier drill of postgresql");
        assertThat(scratchDatabases()).isEmpty();
        assertThat(drillRecords()).hasSize(1);
        assertThat(Manifests.mapper().readTree(drillRecords().get(0).toFile()).get("success").asBoolean()).isTrue();
    }

    private Path config(String source, String drill) throws IOException {
        Files.writeString(dir.resolve("pg.pw"), pg.password());
        return Files.writeString(dir.resolve("backup_config.json"), """
                { "backup_types": { "postgresql": { "compression": "zstd",
                    "source": { "host": "127.0.0.1", "port": %d, "user": "postgres", "password_file": "pg.pw", "format": "plain", %s },
                    "drill": { %s } } },
                  "storage": { "local": { "type": "local", "path": "backups" } } }
                """.formatted(pg.port(), source, drill));
    }

    private List<Path> drillRecords() throws IOException {
        Path folder = dir.resolve("backups/postgresql");
        try (Stream<Path> files = Files.list(folder)) {
            return files.filter(p -> p.getFileName().toString().startsWith("drill-")).toList();
        }
    }

    private static List<String> scratchDatabases() throws Exception {
        List<String> names = new ArrayList<>();
        try (Connection c = pg.connect("postgres");
             ResultSet r = c.createStatement().executeQuery("SELECT datname FROM pg_database WHERE datname LIKE '%\\_drill\\_%'")) {
            while (r.next()) {
                names.add(r.getString(1));
            }
        }
        return names;
    }
}
