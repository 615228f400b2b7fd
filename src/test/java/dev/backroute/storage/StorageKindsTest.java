package dev.backroute.storage;

import dev.backroute.config.BackupConfig;
import dev.backroute.config.ConfigException;
import dev.backroute.config.StorageConfig;
import dev.backroute.config.StorageKind;
import dev.backroute.config.StorageKinds;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The registration file is the one list of storage kinds: config reads through it, StorageTargets opens through it. */
class StorageKindsTest {
    @TempDir
    Path dir;

    @Test
    void everyRegisteredKindReadsItsBlockAndOpensItsTarget() throws Exception {
        assertThat(StorageKinds.names()).containsExactly("local", "s3", "gcs", "azure");
        assertThat(StorageKinds.all()).allSatisfy(kind -> assertThat(kind).isInstanceOf(TargetKind.class));
        Files.writeString(dir.resolve("azure-cs"), "DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;"
                + "AccountKey=a2V5;BlobEndpoint=http://127.0.0.1:1/devstoreaccount1;");
        BackupConfig config = load("\"one_local\", \"one_s3\", \"one_gcs\", \"one_azure\"", """
                "one_local": { "type": "local", "path": "backups" },
                "one_s3": { "type": "s3", "bucket": "movie-backups", "region": "eu-west-1" },
                "one_gcs": { "type": "gcs", "bucket": "movie-backups" },
                "one_azure": { "type": "azure", "container": "movie-backups", "connection_string_file": "azure-cs" }
                """);

        Map<String, String> uris = Map.of(
                "local", dir.resolve("backups/logs/x").toUri().toString(),
                "s3", "s3://movie-backups/logs/x",
                "gcs", "gs://movie-backups/logs/x",
                "azure", "azure://movie-backups/logs/x");
        for (StorageKind kind : StorageKinds.all()) {
            StorageConfig read = config.storage().get("one_" + kind.name());
            assertThat(read.kind()).isEqualTo(kind.name());
            StorageTarget target = StorageTargets.create(read);
            assertThat(target.name()).isEqualTo("one_" + kind.name());
            assertThat(target.uri("logs", "x")).isEqualTo(uris.get(kind.name()));
            assertThat(StorageTargets.create(read)).as("one target per config").isSameAs(target);
        }
    }

    @Test
    void anUnknownKindIsRefusedWithItsJsonPathAndTheRegisteredKinds() {
        assertThatThrownBy(() -> load("\"nas\"", "\"nas\": { \"type\": \"ftp\", \"host\": \"nas\" }"))
                .isInstanceOf(ConfigException.class)
                .hasMessage("storage.nas.type: must be one of " + String.join(", ", StorageKinds.names()) + ", got 'ftp'");
    }

    @Test
    void aConfigWithoutStorageKeepsBackupsInTheLocalFolderBesideIt() throws Exception {
        BackupConfig config = load("\"local\"", null);
        StorageTarget target = StorageTargets.create(config.storage().get("local"));
        assertThat(target.uri("logs", "x")).isEqualTo(dir.resolve("backups/logs/x").toUri().toString());
    }

    /** A config whose logs type writes to {@code targets}; no {@code storage} section when {@code storageEntries} is null. */
    private BackupConfig load(String targets, String storageEntries) throws Exception {
        String types = "\"backup_types\": { \"logs\": { \"storage\": [" + targets + "], \"source\": { \"paths\": [\"logs\"] } } }";
        String storage = storageEntries == null ? "" : ", \"storage\": {" + storageEntries + "}";
        Path file = Files.writeString(dir.resolve("backup_config.json"), "{ " + types + storage + " }");
        return BackupConfig.loadFromFile(file, Map.of());
    }
}
