package dev.backroute.postgres;

import dev.backroute.testsupport.Cli;
import dev.backroute.testsupport.PgTestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * pg_dump gets an allow-listed environment: a stand-in pg_dump in bin_dir records what it was given,
 * then runs the real one against a real PostgreSQL 15.
 */
class PgChildEnvironmentTest {
    private static final String REAL_PG_DUMP = "/usr/lib/postgresql/15/bin/pg_dump";
    private static PgTestServer pg;

    @TempDir
    Path dir;

    @BeforeAll
    static void startServer() throws Exception {
        pg = PgTestServer.start("config-pw");
        pg.execute("postgres", "CREATE DATABASE movies");
    }

    @AfterAll
    static void stopServer() throws Exception {
        pg.close();
    }

    @Test
    void pgDumpSeesNeitherTheKeysetNorTheWebhookAndOnlyTheConfiguredPassword() throws Exception {
        Path bin = Files.createDirectory(dir.resolve("bin"));
        Path script = bin.resolve("pg_dump");
        Files.writeString(script, """
                #!/bin/sh
                if [ "$1" = --version ]; then env > '%1$s/version-env.txt'; else env > '%1$s/dump-env.txt'; fi
                exec %2$s "$@"
                """.formatted(dir, REAL_PG_DUMP));
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwx------"));
        Path config = PgFixture.config(dir, pg, "gzip", false, "plain", "\"movies\"", ", \"bin_dir\": \"bin\"");
        Map<String, String> env = new HashMap<>(System.getenv());
        // A real keyset: with one in the environment, manifests are sealed, and that key must still not reach pg_dump.
        Path keysetFile = dir.resolve("env-keyset.json");
        dev.backroute.crypto.Keyset.generate(keysetFile);
        env.put("BACKROUTE_KEYSET", Files.readString(keysetFile));
        env.put("SLACK_WEBHOOK_URL", "https://hooks.slack.invalid/T000/B000/secret");
        env.put("AWS_SECRET_ACCESS_KEY", "aws-secret");
        env.put("PGPASSWORD", "jvm-pw");
        env.put("PGSSLMODE", "disable");

        Cli.Result backup = Cli.withConfig(env, config, "backup", "--type", "postgresql");

        assertThat(backup.exitCode()).as(backup.all()).isZero();
        String dumpEnv = Files.readString(dir.resolve("dump-env.txt"));
        assertThat(dumpEnv).doesNotContain("BACKROUTE_KEYSET", "SLACK_WEBHOOK_URL", "AWS_SECRET_ACCESS_KEY", "jvm-pw")
                .contains("\nPGPASSWORD=config-pw\n", "\nPGSSLMODE=disable\n", "\nPGCONNECT_TIMEOUT=10\n", "\nPATH=");
        String versionEnv = Files.readString(dir.resolve("version-env.txt"));
        assertThat(versionEnv).doesNotContain("BACKROUTE_KEYSET", "SLACK_WEBHOOK_URL", "PGPASSWORD").contains("PGSSLMODE=disable");
    }

    @Test
    void noPasswordReachesTheChildWhenTheConfigHasNone() {
        PgEndpoint endpoint = new PgEndpoint("127.0.0.1", 5432, "backup", null, "movies");

        Map<String, String> child = endpoint.childEnvironment(Map.of("PGPASSWORD", "jvm-pw", "PGSERVICE", "movies", "PATH", "/usr/bin",
                "BACKROUTE_KEYSET", "{}", "LC_ALL", "C.UTF-8"));

        assertThat(child).isEqualTo(Map.of("PGSERVICE", "movies", "PATH", "/usr/bin", "LC_ALL", "C.UTF-8", "PGCONNECT_TIMEOUT", "10"));
    }
}
