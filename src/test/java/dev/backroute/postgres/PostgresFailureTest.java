package dev.backroute.postgres;

import com.fasterxml.jackson.databind.JsonNode;
import dev.backroute.catalog.Manifests;
import dev.backroute.testsupport.Cli;
import dev.backroute.testsupport.PgTestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Each way a PostgreSQL backup can fail: a clear one-line error, exit status 1, a {@code success: false}
 * manifest, no artifact, and the earlier good backup untouched.
 */
class PostgresFailureTest {
    private static PgTestServer pg;

    @TempDir
    Path dir;

    private Path config;
    private List<Path> before;

    @BeforeAll
    static void startServer() throws Exception {
        pg = PgTestServer.start("right-password");
        pg.execute("postgres", "CREATE DATABASE movies");
        pg.execute("movies", "CREATE TABLE t (v int); INSERT INTO t SELECT generate_series(1, 100)");
    }

    @AfterAll
    static void stopServer() throws Exception {
        pg.close();
    }

    @BeforeEach
    void goodBackupFirst() throws Exception {
        config = PgFixture.config(dir, pg, "gzip", false, "plain", "\"movies\"", "");
        assertThat(Cli.withConfig(config, "backup", "--type", "postgresql").exitCode()).isZero();
        before = files();
    }

    @Test
    void serverDown() throws Exception {
        int closedPort;
        try (ServerSocket s = new ServerSocket(0)) {
            closedPort = s.getLocalPort();
        }
        Files.writeString(config, Files.readString(config).replace("\"port\": " + pg.port(), "\"port\": " + closedPort));
        assertFailsWith("cannot connect to PostgreSQL at 127.0.0.1:" + closedPort);
    }

    @Test
    void wrongPassword() throws Exception {
        Files.writeString(dir.resolve("pgpass.txt"), "wrong-password");
        String error = assertFailsWith("refused the credentials of user 'postgres'");
        assertThat(error).doesNotContain("wrong-password").doesNotContain("right-password");
    }

    @Test
    void missingDatabase() throws Exception {
        Files.writeString(config, Files.readString(config).replace("\"movies\"", "\"no_such_db\""));
        assertFailsWith("database 'no_such_db' does not exist on 127.0.0.1:" + pg.port());
    }

    @Test
    void missingPgDump() throws Exception {
        Path empty = Files.createDirectory(dir.resolve("empty-bin"));
        Files.writeString(config, Files.readString(config).replace("\"format\": \"plain\"", "\"format\": \"plain\", \"bin_dir\": \"empty-bin\""));
        assertFailsWith("pg_dump not found in " + empty);
    }

    @Test
    void pgDumpOlderThanTheServer() throws Exception {
        Path bin = Files.createDirectory(dir.resolve("old-bin"));
        Path fake = Files.writeString(bin.resolve("pg_dump"), "#!/bin/sh\necho 'pg_dump (PostgreSQL) 9.6.24'\n");
        Files.setPosixFilePermissions(fake, PosixFilePermissions.fromString("rwxr-xr-x"));
        Files.writeString(config, Files.readString(config).replace("\"format\": \"plain\"", "\"format\": \"plain\", \"bin_dir\": \"old-bin\""));
        assertFailsWith("is PostgreSQL 9, older than the server");
    }

    @Test
    void pgDumpFailingMidwayReportsItsOwnError() throws Exception {
        Path bin = Files.createDirectory(dir.resolve("failing-bin"));
        Path fake = Files.writeString(bin.resolve("pg_dump"), "#!/bin/sh\n"
                + "case \"$1\" in --version) echo 'pg_dump (PostgreSQL) 15.18'; exit 0;; esac\n"
                + "echo 'pg_dump: error: query failed: out of shared memory' >&2\nexit 1\n");
        Files.setPosixFilePermissions(fake, PosixFilePermissions.fromString("rwxr-xr-x"));
        Files.writeString(config, Files.readString(config).replace("\"format\": \"plain\"", "\"format\": \"plain\", \"bin_dir\": \"failing-bin\""));
        assertFailsWith("pg_dump failed (exit status 1): pg_dump: error: query failed: out of shared memory");
    }

    private String assertFailsWith(String expected) throws Exception {
        Cli.Result r = Cli.withConfig(config, "backup", "--type", "postgresql", "--force");
        assertThat(r.exitCode()).as(r.all()).isEqualTo(1);
        assertThat(r.err()).contains("backroute: error: postgresql: FAILED").contains(expected);
        List<Path> after = files();
        assertThat(after).containsAll(before).hasSize(before.size() + 1);
        Path manifest = after.stream().filter(p -> !before.contains(p)).findFirst().orElseThrow();
        assertThat(manifest.getFileName().toString()).endsWith(".manifest.json");
        JsonNode m = Manifests.mapper().readTree(manifest.toFile());
        assertThat(m.get("success").asBoolean()).isFalse();
        assertThat(m.get("error").asText()).contains(expected);
        assertThat(Files.readString(manifest)).doesNotContain(pg.password());
        assertThat(Cli.withConfig(config, "validate", "--type", "postgresql", "--latest").exitCode()).isZero();
        try (Stream<Path> staged = Files.list(dir.resolve("backups/.staging"))) {
            assertThat(staged).isEmpty();
        }
        return m.get("error").asText();
    }

    private List<Path> files() throws Exception {
        try (Stream<Path> s = Files.list(dir.resolve("backups/postgresql"))) {
            return s.sorted().toList();
        }
    }
}
