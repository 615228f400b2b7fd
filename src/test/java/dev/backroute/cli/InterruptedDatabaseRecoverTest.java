package dev.backroute.cli;

import dev.backroute.testsupport.Cli;
import dev.backroute.testsupport.PgTestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * SIGTERM while pg_restore loads a database: the database server keeps what it was given, so the one line says
 * the database may be partly restored and how to finish, instead of claiming the unfinished work was removed.
 */
class InterruptedDatabaseRecoverTest {
    private static PgTestServer pg;

    @TempDir
    Path dir;

    @BeforeAll
    static void startServer() throws Exception {
        pg = PgTestServer.start("interrupt-pw");
        pg.execute("postgres", "CREATE DATABASE big");
        // Enough rows that pg_restore takes a while to load them and build the index.
        pg.execute("big", "CREATE TABLE rows AS SELECT g AS id, md5(g::text) || md5((g * 7)::text) AS v"
                + " FROM generate_series(1, 1500000) g; CREATE INDEX ON rows (v)");
    }

    @AfterAll
    static void stopServer() throws Exception {
        pg.close();
    }

    @Test
    void sigtermDuringADatabaseLoadSaysTheDatabaseMayBePartlyRestored() throws Exception {
        Files.writeString(dir.resolve("pg.pw"), pg.password());
        Path config = Files.writeString(dir.resolve("backup_config.json"), """
                { "backup_types": { "postgresql": { "compression": "none",
                    "source": { "host": "127.0.0.1", "port": %d, "user": "postgres", "password_file": "pg.pw",
                                "databases": ["big"], "format": "custom" } } },
                  "storage": { "local": { "type": "local", "path": "backups" } } }
                """.formatted(pg.port()));
        Cli.Result backup = Cli.withConfig(config, "backup", "--type", "postgresql");
        assertThat(backup.exitCode()).as(backup.all()).isZero();

        CliProcess cli = CliProcess.start(dir.resolve("child"), "recover", "--backup-path", "postgresql:big:latest",
                "--destination", "postgresql://postgres@127.0.0.1:" + pg.port() + "/big_copy", "--config", config.toString());
        awaitChild(cli, "pg_restore");
        new ProcessBuilder("kill", "-TERM", Long.toString(cli.process().pid())).inheritIO().start().waitFor();

        assertThat(cli.process().waitFor(10, TimeUnit.SECONDS)).as("stopped after SIGTERM").isTrue();
        assertThat(cli.process().exitValue()).as(cli.stderr()).isEqualTo(InterruptHook.INTERRUPTED);
        assertThat(cli.stderr().lines().toList()).singleElement().asString().isEqualTo("backroute: interrupted: recover stopped;"
                + " some of its unfinished work may remain: database big_copy on 127.0.0.1:" + pg.port()
                + " may be partly restored: run the same recover command again, adding --overwrite");
    }

    /** The command has reached the program: a process named {@code program} runs under the child JVM. */
    static void awaitChild(CliProcess cli, String program) throws Exception {
        Instant deadline = Instant.now().plus(Duration.ofMinutes(2));
        while (cli.process().descendants().noneMatch(p -> p.info().command().orElse("").endsWith("/" + program))) {
            if (!cli.process().isAlive() || Instant.now().isAfter(deadline)) {
                cli.process().destroyForcibly().waitFor();
                throw new AssertionError("no " + program + " started under the child; stderr: " + cli.stderr());
            }
            Thread.sleep(10);
        }
    }
}
