package dev.backroute.milvus;

import com.fasterxml.jackson.databind.JsonNode;
import dev.backroute.milvus.fake.MilvusProtocolFake;
import dev.backroute.crypto.Keyset;
import dev.backroute.testsupport.Cli;
import dev.backroute.testsupport.RepositoryBackups;
import dev.backroute.testsupport.JsonSchemas;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The milvus type end to end through the CLI and its Camel route, as an archive and through the type's
 * repository, against the Milvus protocol fake (not a real Milvus: none can run on these machines).
 */
class MilvusBackupCommandAgainstProtocolFakeTest {

    @TempDir
    Path dir;

    @Test
    void backupValidateAndRecoverIntoAnotherServerThroughTheCli() throws Exception {
        try (MilvusProtocolFake source = MilvusProtocolFake.start(); MilvusProtocolFake target = MilvusProtocolFake.start()) {
            MilvusTestData.seed(source.uri());
            Path config = dir.resolve("backup_config.json");
            Files.writeString(config, """
                    { "backup_types": { "milvus": { "compression": "zstd", "storage": ["local"],
                        "source": { "uri": "%s", "collections": ["%s", "%s"] } } } }
                    """.formatted(source.uri(), MilvusTestData.MOVIES, MilvusTestData.USERS));

            Cli.Result backup = Cli.withConfig(config, "backup", "--type", "milvus");
            assertThat(backup.exitCode()).as(backup.all()).isZero();
            Cli.Result validate = Cli.withConfig(config, "validate", "--type", "milvus", "--latest");
            assertThat(validate.exitCode()).as(validate.all()).isZero();
            assertThat(validate.out()).contains("2 collections");

            Cli.Result recover = Cli.withConfig(config, "recover", "--backup-path", "milvus:latest",
                    "--destination", target.uri(), "--rename-suffix", "_restored", "--json");
            JsonNode recovered = JsonSchemas.assertMatches("recover", 0, recover);
            assertThat(recovered.get("collections")).hasSize(2);
            assertThat(recovered.at("/collections/0/restored_as").asText()).endsWith("_restored");
            assertThat(target.collectionNames()).containsExactlyInAnyOrder(
                    MilvusTestData.MOVIES + "_restored", MilvusTestData.USERS + "_restored");
            // Every entity came back (field-by-field equality is MilvusBackupAgainstProtocolFakeTest's job).
            assertThat(target.collection(MilvusTestData.MOVIES + "_restored").rows().keySet())
                    .isEqualTo(source.collection(MilvusTestData.MOVIES).rows().keySet());
            assertThat(target.collection(MilvusTestData.USERS + "_restored").rows().keySet())
                    .isEqualTo(source.collection(MilvusTestData.USERS).rows().keySet());
            assertThat(target.collection(MilvusTestData.MOVIES + "_restored").partitions())
                    .containsExactlyInAnyOrderElementsOf(source.collection(MilvusTestData.MOVIES).partitions());

            Cli.Result refused = Cli.withConfig(config, "recover", "--backup-path", "milvus:latest",
                    "--destination", target.uri(), "--rename-suffix", "_restored");
            assertThat(refused.exitCode()).isEqualTo(2);
            assertThat(refused.err()).contains("--overwrite");
        }
    }

    @ParameterizedTest(name = "encrypted={0}")
    @ValueSource(booleans = {false, true})
    void collectionsKeptInTheRepositoryRecoverEntityForEntityAndValidate(boolean encrypt) throws Exception {
        try (MilvusProtocolFake source = MilvusProtocolFake.start(); MilvusProtocolFake target = MilvusProtocolFake.start()) {
            MilvusTestData.seed(source.uri());
            if (encrypt) {
                Keyset.generate(dir.resolve("keyset.json"));
            }
            Path config = dir.resolve("backup_config.json");
            Files.writeString(config, """
                    { "backup_types": { "milvus": { "compression": "zstd", "encrypt": %s, "storage": ["local"], %s,
                        "source": { "uri": "%s", "collections": ["%s", "%s"] } } },
                      "encryption": { "keyset_file": "%s" } }
                    """.formatted(encrypt, RepositoryBackups.SMALL_CHUNKS, source.uri(), MilvusTestData.MOVIES, MilvusTestData.USERS,
                    encrypt ? "keyset.json" : ""));

            Cli.Result backup = Cli.withConfig(config, "backup", "--type", "milvus");
            assertThat(backup.exitCode()).as(backup.all()).isZero();
            RepositoryBackups.assertLatestInRepositoryOn(config, "milvus", "local");
            Cli.Result validate = Cli.withConfig(config, "validate", "--type", "milvus", "--latest");
            assertThat(validate.exitCode()).as(validate.all()).isZero();
            assertThat(validate.out()).contains("2 collections");

            Cli.Result recover = Cli.withConfig(config, "recover", "--backup-path", "milvus:latest",
                    "--destination", target.uri(), "--rename-suffix", "_restored");
            assertThat(recover.exitCode()).as(recover.all()).isZero();
            for (String collection : List.of(MilvusTestData.MOVIES, MilvusTestData.USERS)) {
                MilvusBackupAgainstProtocolFakeTest.assertSameCollection(source.collection(collection),
                        target.collection(collection + "_restored"));
            }
            if (encrypt) {
                RepositoryBackups.assertKeyWrapped(config, "milvus", "local");
                RepositoryBackups.assertUnreadableWithoutKeyset(config, "milvus", dir.resolve("without-keyset"));
            }
        }
    }
}
