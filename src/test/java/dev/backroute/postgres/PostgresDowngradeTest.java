package dev.backroute.postgres;

import dev.backroute.catalog.BackupRecord;
import dev.backroute.catalog.Manifests;
import dev.backroute.crypto.Keyset;
import dev.backroute.crypto.ManifestMac;
import dev.backroute.testsupport.Cli;
import dev.backroute.testsupport.PgTestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.zip.GZIPOutputStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A plain SQL dump planted in an encrypted PostgreSQL type, carrying a psql meta-command that would run a
 * shell command as the restoring user: refused before psql or the server sees anything.
 */
class PostgresDowngradeTest {
    private static PgTestServer pg;

    @TempDir
    Path dir;

    @BeforeAll
    static void startServer() throws Exception {
        pg = PgTestServer.start("s3cret-pw");
        pg.execute("postgres", "CREATE DATABASE movies");
        pg.execute("movies", "CREATE TABLE t (id int)");
    }

    @AfterAll
    static void stopServer() throws Exception {
        pg.close();
    }

    @ParameterizedTest(name = "manifest sealed with the keyset: {0}")
    @ValueSource(booleans = {false, true})
    void aPlantedPlaintextDumpWithAShellEscapeIsRefusedAndRunsNothing(boolean sealed) throws Exception {
        Path config = PgFixture.config(dir, pg, "gzip", true, "plain", "\"movies\"", "");
        Keyset.generate(dir.resolve("keyset.json"));
        Cli.Result backup = Cli.withConfig(config, "backup", "--type", "postgresql");
        assertThat(backup.exitCode()).as(backup.all()).isZero();
        Path folder = dir.resolve("backups/postgresql");
        Path manifestFile;
        try (var files = Files.list(folder)) {
            manifestFile = files.filter(p -> p.toString().endsWith(".manifest.json")).findFirst().orElseThrow();
        }
        BackupRecord real = Manifests.fromJson(Files.newInputStream(manifestFile), "real");

        Path marker = dir.resolve("owned");
        byte[] sql = ("--\n-- PostgreSQL database dump\n--\n\n\\! touch " + marker + "\nCREATE TABLE planted (id int);\n\n"
                + "--\n-- PostgreSQL database dump complete\n--\n").getBytes(StandardCharsets.UTF_8);
        ByteArrayOutputStream gz = new ByteArrayOutputStream();
        try (GZIPOutputStream out = new GZIPOutputStream(gz)) {
            out.write(sql);
        }
        byte[] stored = gz.toByteArray();
        String artifact = real.id() + ".sql.gz";
        Files.delete(folder.resolve(real.artifact()));
        Files.write(folder.resolve(artifact), stored);
        BackupRecord planted = new BackupRecord(real.formatVersion(), real.id(), real.runId(), real.type(), true, null,
                real.startedAt(), real.finishedAt(), artifact, sql.length, stored.length, sha256(stored), sha256(sql),
                real.compression(), null, real.storage(), real.source(), real.host(), real.backrouteVersion(), null);
        Files.write(manifestFile, Manifests.toJson(planted, sealed ? new ManifestMac(Keyset.readFile(dir.resolve("keyset.json"))) : null));

        Cli.Result recover = Cli.withConfig(config, "recover", "--backup-path", "postgresql:movies:latest",
                "--destination", "postgresql://postgres@127.0.0.1:" + pg.port() + "/planted_target");
        assertThat(recover.exitCode()).as(recover.all()).isEqualTo(1);
        assertThat(recover.err()).contains(sealed ? "is not encrypted, but backup_types.postgresql.encrypt is true" : "has no MAC");
        assertThat(marker).doesNotExist();
        try (var c = pg.connect("postgres"); var s = c.createStatement();
             var r = s.executeQuery("SELECT count(*) FROM pg_database WHERE datname = 'planted_target'")) {
            r.next();
            assertThat(r.getLong(1)).isZero();
        }
    }

    private static String sha256(byte[] bytes) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }
}
