package dev.backroute.storage;

import com.fasterxml.jackson.databind.JsonNode;
import dev.backroute.catalog.Manifests;
import dev.backroute.testsupport.Cli;
import dev.backroute.testsupport.SampleTree;
import dev.backroute.testsupport.TreeAssert;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An S3-compatible store that answers ListMultipartUploads with 501 NotImplemented: the backup's
 * housekeeping becomes a warning, and the backup itself succeeds, validates and restores.
 */
class S3StoreWithoutListMultipartUploadsTest {
    @TempDir
    Path dir;

    @Test
    void backupSucceedsWithAWarningAndValidatesAndRestores() throws Exception {
        Path s3Root = Files.createDirectory(dir.resolve("s3mock"));
        try (S3MockServer s3 = S3MockServer.start(s3Root, "movie-backups");
             BasicS3ApiProxy store = new BasicS3ApiProxy(s3.endpoint())) {
            Path config = writeConfig(store.endpoint());
            SampleTree.create(dir.resolve("src"));

            Cli.Result backup = Cli.withConfig(config, "backup", "--type", "data_files", "--json");

            assertThat(backup.exitCode()).as(backup.all()).isZero();
            assertThat(store.refusedListMultipartUploads()).isPositive();
            JsonNode result = Manifests.mapper().readTree(backup.out()).at("/results/0");
            assertThat(result.get("status").asText()).isEqualTo("succeeded");
            assertThat(result.get("warnings")).hasSize(1);
            assertThat(result.get("warnings").get(0).asText()).startsWith("storage target 's3': ").contains("NotImplemented");

            Cli.Result again = Cli.withConfig(config, "backup", "--type", "data_files", "--force");
            assertThat(again.exitCode()).as(again.all()).isZero();
            assertThat(again.out()).contains("data_files: warning: storage target 's3': ").contains("data_files: backed up ");

            Cli.Result validate = Cli.withConfig(config, "validate", "--type", "data_files", "--latest");
            assertThat(validate.exitCode()).as(validate.all()).isZero();
            assertThat(validate.out()).contains("on s3: valid");

            Path restored = dir.resolve("restored");
            Cli.Result recover = Cli.withConfig(config, "recover", "--backup-path", "data_files:latest", "--destination", restored.toString());
            assertThat(recover.exitCode()).as(recover.all()).isZero();
            TreeAssert.assertSameTree(dir.resolve("src"), restored.resolve("src"));
        }
    }

    private Path writeConfig(String endpoint) throws Exception {
        Files.writeString(dir.resolve("s3-key-id"), "test-key-id");
        Files.writeString(dir.resolve("s3-secret"), "test-secret-value");
        Path config = dir.resolve("backup_config.json");
        Files.writeString(config, """
                { "backup_dir": "state", "backup_types": { "data_files": { "compression": "gzip", "storage": ["s3"],
                                                    "source": { "paths": ["src"] } } },
                  "storage": {
                    "s3": { "type": "s3", "bucket": "movie-backups", "region": "us-east-1", "prefix": "platform",
                            "endpoint": "%s", "path_style": true,
                            "access_key_id_file": "s3-key-id", "secret_access_key_file": "s3-secret" } } }
                """.formatted(endpoint));
        return config;
    }
}
