package dev.backroute.postgres;

import com.fasterxml.jackson.databind.JsonNode;
import dev.backroute.crypto.Keyset;
import dev.backroute.testsupport.Cli;
import dev.backroute.testsupport.JsonSchemas;
import dev.backroute.testsupport.MovieSchema;
import dev.backroute.testsupport.PgTestServer;
import dev.backroute.testsupport.RepositoryBackups;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * pg_dump/pg_restore round trips against a real PostgreSQL 15, as archives and through the type's repository: the
 * restored database dumps identically.
 */
class PostgresRoundTripTest {
    private static final AtomicInteger TARGETS = new AtomicInteger();
    private static PgTestServer pg;
    private static String originalDump;

    @TempDir
    Path dir;

    @BeforeAll
    static void startServer() throws Exception {
        pg = PgTestServer.start("s3cret-pw");
        pg.execute("postgres", "CREATE DATABASE movies");
        pg.execute("movies", MovieSchema.SQL);
        originalDump = pg.dump("movies");
    }

    @AfterAll
    static void stopServer() throws Exception {
        pg.close();
    }

    @ParameterizedTest(name = "{0} format, {1}, encrypted={2}")
    @CsvSource({"plain,gzip,false", "plain,bzip2,true", "plain,lzma,false", "plain,zstd,true", "plain,none,false",
            "custom,gzip,true", "custom,bzip2,false", "custom,lzma,true", "custom,zstd,false", "custom,none,true"})
    void restoredDatabaseDumpsIdenticallyToTheOriginal(String format, String compression, boolean encrypt) throws Exception {
        Path config = PgFixture.config(dir, pg, compression, encrypt, format, "\"movies\"", "");
        if (encrypt) {
            Keyset.generate(dir.resolve("keyset.json"));
        }
        Cli.Result backup = Cli.withConfig(config, "backup", "--type", "postgresql");
        assertThat(backup.exitCode()).as(backup.all()).isZero();
        Path artifact = onlyArtifact(dir.resolve("backups/postgresql"));
        assertThat(artifact.getFileName().toString()).contains(format.equals("custom") ? ".dump" : ".sql");

        assertRestoresIntoANewDatabaseAndValidates(config, format);
    }

    @ParameterizedTest(name = "{0} format, {1}, encrypted={2}")
    @CsvSource({"plain,zstd,true", "plain,none,false", "custom,gzip,false", "custom,zstd,true"})
    void aDumpKeptInTheRepositoryRestoresIdenticallyAndValidates(String format, String compression, boolean encrypt) throws Exception {
        Path config = PgFixture.config(dir, pg, compression, encrypt, format, "\"movies\"", "", RepositoryBackups.SMALL_CHUNKS);
        if (encrypt) {
            Keyset.generate(dir.resolve("keyset.json"));
        }
        Cli.Result backup = Cli.withConfig(config, "backup", "--type", "postgresql");
        assertThat(backup.exitCode()).as(backup.all()).isZero();
        JsonNode manifest = RepositoryBackups.assertLatestInRepositoryOn(config, "postgresql", "local");
        assertThat(manifest.get("artifact").asText()).endsWith(format.equals("custom") ? ".dump" : ".sql");
        assertThat(dir.resolve("backups/postgresql/repository/data")).isDirectory();

        assertRestoresIntoANewDatabaseAndValidates(config, format);
        if (encrypt) {
            RepositoryBackups.assertKeyWrapped(config, "postgresql", "local");
            RepositoryBackups.assertUnreadableWithoutKeyset(config, "postgresql", dir.resolve("without-keyset"));
        }
    }

    private static void assertRestoresIntoANewDatabaseAndValidates(Path config, String format) throws Exception {
        String target = "restored_" + TARGETS.incrementAndGet();
        Cli.Result recover = Cli.withConfig(config, "recover", "--backup-path", "postgresql:latest",
                "--destination", "postgresql://postgres@127.0.0.1:" + pg.port() + "/" + target, "--json");
        JsonNode recovered = JsonSchemas.assertMatches("recover", 0, recover);
        assertThat(recovered.get("database").asText()).isEqualTo(target);
        assertThat(recovered.get("tool").asText()).isEqualTo(format.equals("custom") ? "pg_restore" : "psql");

        assertThat(pg.dump(target)).isEqualTo(originalDump);
        for (String table : MovieSchema.TABLES) {
            assertThat(pg.count(target, table)).as(table).isEqualTo(pg.count("movies", table));
        }
        Cli.Result validate = Cli.withConfig(config, "validate", "--type", "postgresql", "--latest");
        assertThat(validate.exitCode()).as(validate.all()).isZero();
        assertThat(validate.out()).contains(format.equals("custom") ? "custom-format dump" : "SQL dump");
    }

    @Test
    void unencryptedPlainBackupRestoresWithGunzipAndPsqlAlone() throws Exception {
        Path config = PgFixture.config(dir, pg, "gzip", false, "plain", "\"movies\"", "");
        assertThat(Cli.withConfig(config, "backup", "--type", "postgresql").exitCode()).isZero();
        Path artifact = onlyArtifact(dir.resolve("backups/postgresql"));
        pg.execute("postgres", "CREATE DATABASE by_hand");
        byte[] sql = new java.util.zip.GZIPInputStream(Files.newInputStream(artifact)).readAllBytes();
        pg.client(sql, "psql", "--no-psqlrc", "--quiet", "--set=ON_ERROR_STOP=1", "--host=127.0.0.1", "--port=" + pg.port(),
                "--username=postgres", "--dbname=by_hand");
        assertThat(pg.dump("by_hand")).isEqualTo(originalDump);
    }

    @Test
    void directoryDestinationGetsTheDecodedDumpFile() throws Exception {
        Path config = PgFixture.config(dir, pg, "zstd", false, "custom", "\"movies\"", "");
        assertThat(Cli.withConfig(config, "backup", "--type", "postgresql").exitCode()).isZero();
        Path out = dir.resolve("dumps");
        Cli.Result r = Cli.withConfig(config, "recover", "--backup-path", "postgresql:latest", "--destination", out.toString(), "--json");
        JsonNode recovered = JsonSchemas.assertMatches("recover", 0, r);
        Path dump;
        try (Stream<Path> s = Files.list(out)) {
            dump = s.findFirst().orElseThrow();
        }
        assertThat(Path.of(recovered.get("file").asText()).toAbsolutePath()).isEqualTo(dump.toAbsolutePath());
        assertThat(dump.getFileName().toString()).endsWith(".dump");
        pg.execute("postgres", "CREATE DATABASE from_file");
        pg.client(new byte[0], "pg_restore", "--exit-on-error", "--host=127.0.0.1", "--port=" + pg.port(), "--username=postgres",
                "--dbname=from_file", dump.toString());
        assertThat(pg.dump("from_file")).isEqualTo(originalDump);
    }

    @Test
    void nonEmptyTargetIsRefusedWithoutOverwriteAndRecreatedWithIt() throws Exception {
        Path config = PgFixture.config(dir, pg, "gzip", false, "plain", "\"movies\"", "");
        assertThat(Cli.withConfig(config, "backup", "--type", "postgresql").exitCode()).isZero();
        pg.execute("postgres", "CREATE DATABASE occupied");
        pg.execute("occupied", "CREATE TABLE precious (v text); INSERT INTO precious VALUES ('keep me')");
        String uri = "postgresql://postgres@127.0.0.1:" + pg.port() + "/occupied";

        Cli.Result refused = Cli.withConfig(config, "recover", "--backup-path", "postgresql:latest", "--destination", uri);
        assertThat(refused.exitCode()).isEqualTo(2);
        assertThat(refused.err()).contains("database occupied").contains("not empty").contains("--overwrite");
        assertThat(pg.count("occupied", "precious")).isEqualTo(1);

        Cli.Result replaced = Cli.withConfig(config, "recover", "--backup-path", "postgresql:latest", "--destination", uri, "--overwrite");
        assertThat(replaced.exitCode()).as(replaced.all()).isZero();
        assertThat(replaced.err()).contains("dropping and recreating database occupied");
        assertThat(pg.dump("occupied")).isEqualTo(originalDump);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"archive", "repository"})
    void severalDatabasesAndGlobalsMakeOneBackupEachInOneRun(String storageFormat) throws Exception {
        // Created by whichever run comes first; both formats back up the same server.
        pg.execute("postgres", "DROP DATABASE IF EXISTS if_not_exists_dummy");
        pg.execute("postgres", "CREATE DATABASE IF_NOT_EXISTS_dummy");
        pg.execute("postgres", "DROP ROLE IF EXISTS reporting");
        pg.execute("postgres", "CREATE ROLE reporting LOGIN");
        Path config = PgFixture.config(dir, pg, "gzip", false, "plain", "\"movies\", \"if_not_exists_dummy\"", ", \"globals\": true",
                storageFormat.equals("repository") ? RepositoryBackups.SMALL_CHUNKS : "");
        Cli.Result backup = Cli.withConfig(config, "backup", "--type", "postgresql", "--json");
        JsonNode doc = JsonSchemas.assertMatches("backup", 0, backup);
        assertThat(doc.at("/results/0/backups")).hasSize(3);
        assertThat(doc.at("/results/0/backups").findValuesAsText("format")).containsOnly(storageFormat);
        Path snapshots = dir.resolve("backups/postgresql/repository/snapshots");
        if (storageFormat.equals("repository")) {
            try (Stream<Path> stored = Files.list(snapshots)) {
                assertThat(stored).as("one snapshot per database and the globals").hasSize(3);
            }
        } else {
            assertThat(snapshots).doesNotExist();
        }

        Cli.Result ambiguous = Cli.withConfig(config, "recover", "--backup-path", "postgresql:latest", "--destination", dir.resolve("x").toString());
        assertThat(ambiguous.exitCode()).isEqualTo(2);
        assertThat(ambiguous.err()).contains("ambiguous").contains("movies").contains("globals");

        String target = "restored_" + TARGETS.incrementAndGet();
        Cli.Result one = Cli.withConfig(config, "recover", "--backup-path", "postgresql:movies:latest",
                "--destination", "postgresql://postgres@127.0.0.1:" + pg.port() + "/" + target);
        assertThat(one.exitCode()).as(one.all()).isZero();
        assertThat(pg.dump(target)).isEqualTo(originalDump);

        Path globals = dir.resolve("globals");
        Cli.Result g = Cli.withConfig(config, "recover", "--backup-path", "postgresql:globals:latest", "--destination", globals.toString());
        assertThat(g.exitCode()).as(g.all()).isZero();
        try (Stream<Path> s = Files.list(globals)) {
            assertThat(Files.readString(s.findFirst().orElseThrow())).contains("CREATE ROLE reporting");
        }
        Cli.Result validate = Cli.withConfig(config, "validate", "--type", "postgresql", "--latest");
        assertThat(validate.exitCode()).as(validate.all()).isZero();
        assertThat(validate.out().lines()).hasSize(3);
    }

    static Path onlyArtifact(Path folder) throws Exception {
        try (Stream<Path> s = Files.list(folder)) {
            return s.filter(p -> !p.getFileName().toString().endsWith(".manifest.json")).reduce((a, b) -> {
                throw new AssertionError("more than one artifact: " + a + ", " + b);
            }).orElseThrow();
        }
    }
}
