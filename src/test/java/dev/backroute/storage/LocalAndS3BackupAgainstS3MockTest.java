package dev.backroute.storage;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.backroute.catalog.Manifests;
import dev.backroute.crypto.Keyset;
import dev.backroute.testsupport.ConfigVariant;
import dev.backroute.testsupport.Cli;
import dev.backroute.testsupport.RepositoryBackups;
import dev.backroute.testsupport.SampleTree;
import dev.backroute.testsupport.TreeAssert;
import org.apache.commons.io.file.PathUtils;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * One type on two targets, local and S3 (S3Mock), as an archive and in the type's repository: both written, both
 * verified, each usable alone.
 */
class LocalAndS3BackupAgainstS3MockTest {
    private static Path s3Root;
    private static S3MockServer s3;

    @TempDir
    Path dir;

    @BeforeAll
    static void startS3() throws Exception {
        s3Root = Files.createTempDirectory("s3mock-cli");
        s3 = S3MockServer.start(s3Root, "movie-backups");
    }

    @AfterAll
    static void stopS3() throws Exception {
        s3.close();
        PathUtils.deleteDirectory(s3Root);
    }

    @Test
    void backupListValidateAndRecoverOnBothTargets() throws Exception {
        Path config = writeConfig();
        SampleTree.create(dir.resolve("src"));

        Cli.Result backup = Cli.withConfig(config, "backup", "--type", "data_files", "--json");
        assertThat(backup.exitCode()).as(backup.all()).isZero();
        JsonNode storage = Manifests.mapper().readTree(backup.out()).at("/results/0/backups/0/storage");
        assertThat(storage).hasSize(2);
        String s3Uri = storage.get(1).get("uri").asText();
        assertThat(s3Uri).startsWith("s3://movie-backups/platform/data_files/data_files_").endsWith(".tar.gz");

        Cli.Result list = Cli.withConfig(config, "list", "--type", "data_files");
        assertThat(list.out()).contains("local,s3");

        Cli.Result validate = Cli.withConfig(config, "validate", "--type", "data_files", "--latest");
        assertThat(validate.exitCode()).as(validate.all()).isZero();
        assertThat(validate.out()).contains("on local: valid").contains("on s3: valid");

        Path fromS3 = dir.resolve("from-s3");
        Cli.Result recover = Cli.withConfig(config, "recover", "--backup-path", s3Uri, "--destination", fromS3.toString());
        assertThat(recover.exitCode()).as(recover.all()).isZero();
        TreeAssert.assertSameTree(dir.resolve("src"), fromS3.resolve("src"));

        // Lose the local copy: validation names the broken target, recovery falls back to the other.
        try (Stream<Path> files = Files.list(dir.resolve("backups/data_files"))) {
            Path artifact = files.filter(p -> p.toString().endsWith(".tar.gz")).findFirst().orElseThrow();
            Files.delete(artifact);
        }
        assertLocalInvalidAndS3Recovers(config);
    }

    @ParameterizedTest(name = "encrypted={0}")
    @ValueSource(booleans = {true, false})
    void eachTargetHoldsARepositoryOfItsOwnThatRecoversAlone(boolean encrypt) throws Exception {
        if (encrypt) {
            Keyset.generate(dir.resolve("keyset.json"));
        }
        Path config = writeConfig("repositories-" + encrypt, "\"encrypt\": " + encrypt + ", " + RepositoryBackups.SMALL_CHUNKS,
                encrypt ? "keyset.json" : "");
        SampleTree.create(dir.resolve("src"));

        Cli.Result backup = Cli.withConfig(config, "backup", "--type", "data_files");
        assertThat(backup.exitCode()).as(backup.all()).isZero();
        JsonNode manifest = RepositoryBackups.assertLatestInRepositoryOn(config, "data_files", "local", "s3");
        assertThat(manifest.at("/snapshots/local").asText()).as("each repository cuts and seals its own snapshot")
                .isNotEqualTo(manifest.at("/snapshots/s3").asText());
        if (encrypt) {
            RepositoryBackups.assertKeyWrapped(config, "data_files", "local", "s3");
        }
        Cli.Result validate = Cli.withConfig(config, "validate", "--type", "data_files", "--latest");
        assertThat(validate.exitCode()).as(validate.all()).isZero();
        assertThat(validate.out()).contains("on local: valid").contains("on s3: valid");

        // A config that knows only one of the targets reads only that target's repository.
        for (String target : List.of("local", "s3")) {
            String other = target.equals("local") ? "s3" : "local";
            Path onlyThere = ConfigVariant.write(config, "only-" + target + ".json", json -> {
                ConfigVariant.type(json, "data_files").putArray("storage").add(target);
                ((ObjectNode) json.get("storage")).remove(other);
            });
            Path out = dir.resolve("from-" + target);
            Cli.Result recover = Cli.withConfig(onlyThere, "recover", "--backup-path", "data_files:latest", "--destination", out.toString());
            assertThat(recover.exitCode()).as(target + ": " + recover.all()).isZero();
            TreeAssert.assertSameTree(dir.resolve("src"), out.resolve("src"));
        }

        if (encrypt) {
            RepositoryBackups.assertUnreadableWithoutKeyset(config, "data_files", dir.resolve("without-keyset"));
        }

        // Lose the local repository: validation names the broken target, recovery falls back to S3's.
        PathUtils.deleteDirectory(dir.resolve("backups/data_files/repository"));
        assertLocalInvalidAndS3Recovers(config);
    }

    /** With the local copy lost, validation names the broken target and recovery falls back to S3's. */
    private void assertLocalInvalidAndS3Recovers(Path config) throws Exception {
        Cli.Result afterLoss = Cli.withConfig(config, "validate", "--type", "data_files", "--latest");
        assertThat(afterLoss.exitCode()).isEqualTo(1);
        assertThat(afterLoss.out()).contains("on local: INVALID").contains("on s3: valid");
        Path fallback = dir.resolve("fallback");
        Cli.Result recovered = Cli.withConfig(config, "recover", "--backup-path", "data_files:latest", "--destination", fallback.toString());
        assertThat(recovered.exitCode()).as(recovered.all()).isZero();
        TreeAssert.assertSameTree(dir.resolve("src"), fallback.resolve("src"));
    }

    private Path writeConfig() throws Exception {
        return writeConfig("platform", "", "");
    }

    /**
     * data_files on local and under {@code prefix} in the bucket (each test its own: the bucket outlives a test, and
     * a backup there would make the next test's not due), with {@code extraType} (JSON members) in its block.
     */
    private Path writeConfig(String prefix, String extraType, String keysetFile) throws Exception {
        Files.writeString(dir.resolve("s3-key-id"), "test-key-id");
        Files.writeString(dir.resolve("s3-secret"), "test-secret-value");
        Path config = dir.resolve("backup_config.json");
        Files.writeString(config, """
                { "backup_types": { "data_files": { "compression": "gzip", "storage": ["local", "s3"],
                                                    "source": { "paths": ["src"] }%s } },
                  "encryption": { "keyset_file": "%s" },
                  "storage": {
                    "local": { "type": "local", "path": "backups" },
                    "s3": { "type": "s3", "bucket": "movie-backups", "region": "us-east-1", "prefix": "%s",
                            "endpoint": "%s", "path_style": true,
                            "access_key_id_file": "s3-key-id", "secret_access_key_file": "s3-secret" } } }
                """.formatted(extraType.isEmpty() ? "" : ", " + extraType, keysetFile, prefix, s3.endpoint()));
        return config;
    }
}
