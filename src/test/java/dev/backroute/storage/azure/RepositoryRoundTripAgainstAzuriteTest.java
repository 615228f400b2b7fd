package dev.backroute.storage.azure;

import com.azure.storage.blob.BlobServiceClientBuilder;
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

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Backups kept in a type's repository on an Azure target, through the CLI, against Azurite (installed into
 * target/azurite on first use): an encrypted files type, and a custom-format PostgreSQL dump from a real server.
 * Each test works under a prefix of its own in the container.
 */
class RepositoryRoundTripAgainstAzuriteTest {
    private static final String CONTAINER = "backups";

    @TempDir
    static Path shared;
    private static AzuriteServer azurite;

    @TempDir
    Path dir;

    @BeforeAll
    static void startAzurite() throws Exception {
        // Not an assumption: a machine without npm would silently skip every Azure test.
        assertThat(AzuriteServer.npmAvailable()).as("npm, to install Azurite").isTrue();
        azurite = AzuriteServer.start(Files.createDirectories(shared.resolve("azurite")));
        new BlobServiceClientBuilder().connectionString(azurite.connectionString()).buildClient().createBlobContainer(CONTAINER);
    }

    @AfterAll
    static void stopAzurite() throws Exception {
        if (azurite != null) {
            azurite.close();
        }
    }

    @Test
    void anEncryptedTreeRecoversByteForByteFromTheRepositoryInTheContainer() throws Exception {
        SampleTree.create(dir.resolve("src"));
        Keyset.generate(dir.resolve("keyset.json"));
        Path config = config("files-encrypted", "keyset.json", """
                "data_files": { "compression": "zstd", "encrypt": true, "storage": ["azure"], %s,
                                "source": { "paths": ["src"] } }""".formatted(RepositoryBackups.SMALL_CHUNKS));

        Cli.Result backup = Cli.withConfig(config, "backup", "--type", "data_files");
        assertThat(backup.exitCode()).as(backup.all()).isZero();
        RepositoryBackups.assertLatestInRepositoryOn(config, "data_files", "azure");
        RepositoryBackups.assertKeyWrapped(config, "data_files", "azure");

        Path out = dir.resolve("restored");
        Cli.Result recover = Cli.withConfig(config, "recover", "--backup-path", "data_files:latest", "--destination", out.toString());
        assertThat(recover.exitCode()).as(recover.all()).isZero();
        TreeAssert.assertSameTree(dir.resolve("src"), out.resolve("src"));
        Cli.Result validate = Cli.withConfig(config, "validate", "--type", "data_files", "--latest");
        assertThat(validate.exitCode()).as(validate.all()).isZero();
        assertThat(validate.out()).contains("on azure: valid");
        RepositoryBackups.assertUnreadableWithoutKeyset(config, "data_files", dir.resolve("without-keyset"));
    }

    @Test
    void aCustomFormatDumpInTheRepositoryInTheContainerRestoresIntoANewDatabase() throws Exception {
        try (PgTestServer pg = PgTestServer.start("azure-pg-pw")) {
            pg.execute("postgres", "CREATE DATABASE movies");
            pg.execute("movies", MovieSchema.SQL);
            Files.writeString(dir.resolve("pgpass.txt"), pg.password());
            Path config = config("postgresql-clear", "", """
                    "postgresql": { "compression": "zstd", "storage": ["azure"], %s,
                                    "source": { "host": "127.0.0.1", "port": %d, "user": "postgres", "password_file": "pgpass.txt",
                                                "databases": ["movies"], "format": "custom" } }"""
                    .formatted(RepositoryBackups.SMALL_CHUNKS, pg.port()));

            Cli.Result backup = Cli.withConfig(config, "backup", "--type", "postgresql");
            assertThat(backup.exitCode()).as(backup.all()).isZero();
            assertThat(RepositoryBackups.assertLatestInRepositoryOn(config, "postgresql", "azure").get("artifact").asText())
                    .endsWith(".dump");

            Cli.Result recover = Cli.withConfig(config, "recover", "--backup-path", "postgresql:latest",
                    "--destination", "postgresql://postgres@127.0.0.1:" + pg.port() + "/movies_copy");
            assertThat(recover.exitCode()).as(recover.all()).isZero();
            assertThat(pg.dump("movies_copy")).isEqualTo(pg.dump("movies"));
            for (String table : MovieSchema.TABLES) {
                assertThat(pg.count("movies_copy", table)).as(table).isEqualTo(pg.count("movies", table));
            }
            Cli.Result validate = Cli.withConfig(config, "validate", "--type", "postgresql", "--latest");
            assertThat(validate.exitCode()).as(validate.all()).isZero();
            assertThat(validate.out()).contains("custom-format dump");
        }
    }

    /**
     * {@code type} (a type block's JSON member) kept on the Azure target under {@code prefix}, the connection string
     * in a file; {@code keysetFile} empty for none.
     */
    private Path config(String prefix, String keysetFile, String type) throws Exception {
        Files.writeString(dir.resolve("azure-cs"), azurite.connectionString());
        return Files.writeString(dir.resolve("backup_config.json"), """
                { "backup_types": { %s },
                  "storage": { "azure": { "type": "azure", "container": "%s", "prefix": "%s", "connection_string_file": "azure-cs" } },
                  "encryption": { "keyset_file": "%s" } }
                """.formatted(type, CONTAINER, prefix, keysetFile));
    }
}
