package dev.backroute.cli;

import dev.backroute.testsupport.Cli;
import dev.backroute.testsupport.Installation;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** Bad input from an operator: one line naming the problem, exit status 2, no stack trace. */
class CliUsageErrorsTest {

    @TempDir
    Path dir;

    @Test
    void missingConfigFile() {
        Cli.Result r = Cli.run("status", "--config", dir.resolve("nope.json").toString());
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).contains("not found").contains("--config").doesNotContain("Exception").doesNotContain("\tat ");
        assertThat(r.err().strip().lines()).hasSize(1);
    }

    @Test
    void invalidConfigValueNamesItsJsonPath() throws Exception {
        Installation inst = Installation.in(dir).write("gzip", false, "\"retention_days\": -3");
        Cli.Result r = Cli.withConfig(inst.config(), "backup", "--type", "data_files");
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).contains("backup_types.data_files.retention_days").contains("-3");
    }

    @Test
    void encryptionWithAMissingKeysetFileIsAConfigErrorBeforeAnythingRuns() throws Exception {
        Installation inst = Installation.in(dir).write("gzip", true);
        Files.createDirectories(inst.source());
        Cli.Result r = Cli.withConfig(inst.config(), "backup", "--type", "data_files");
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).contains(inst.keyset().toString()).contains("keygen");
        assertThat(inst.typeFolder()).doesNotExist();
    }

    @Test
    void aCloudTargetWhoseKeyVariableIsUnsetIsRefusedBeforeAnythingRuns() throws Exception {
        Installation inst = Installation.in(dir);
        Files.createDirectories(inst.source());
        Files.writeString(inst.config(), "{ \"backup_types\": { \"data_files\": { \"storage\": [\"s3\"],"
                + " \"source\": { \"paths\": [\"src\"] } } },"
                + " \"storage\": { \"s3\": { \"type\": \"s3\", \"bucket\": \"movies-backups\", \"region\": \"eu-west-1\","
                + " \"access_key_id_env\": \"BACKROUTE_TEST_UNSET_KEY_ID\", \"secret_access_key_env\": \"BACKROUTE_TEST_UNSET_SECRET\" } } }");
        Cli.Result r = Cli.withConfig(inst.config(), "backup", "--type", "data_files");
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).contains("storage.s3.access_key_id_env").contains("BACKROUTE_TEST_UNSET_KEY_ID");
        assertThat(inst.backups().resolve("data_files")).doesNotExist();
    }

    @Test
    void unknownTypeAndUnknownOption() throws Exception {
        Installation inst = Installation.in(dir).write("gzip", false);
        Cli.Result unknownType = Cli.withConfig(inst.config(), "list", "--type", "movies");
        assertThat(unknownType.exitCode()).isEqualTo(2);
        assertThat(unknownType.err()).contains("movies");

        Cli.Result badOption = Cli.withConfig(inst.config(), "backup", "--type", "data_files", "--frobnicate");
        assertThat(badOption.exitCode()).isEqualTo(2);
        assertThat(badOption.err()).contains("--frobnicate");
    }

    @Test
    void validateNeedsExactlyOneSelection() throws Exception {
        Installation inst = Installation.in(dir).write("gzip", false);
        assertThat(Cli.withConfig(inst.config(), "validate").exitCode()).isEqualTo(2);
        Cli.Result typeAlone = Cli.withConfig(inst.config(), "validate", "--type", "data_files");
        assertThat(typeAlone.exitCode()).isEqualTo(2);
        assertThat(typeAlone.err()).contains("--latest");
    }

    @Test
    void aManifestMissingItsFieldsIsSkippedNotACrash() throws Exception {
        Installation inst = Installation.in(dir).write("gzip", false);
        java.nio.file.Files.createDirectories(inst.source());
        assertThat(Cli.withConfig(inst.config(), "backup", "--type", "data_files").exitCode()).isZero();
        java.nio.file.Files.writeString(inst.typeFolder().resolve("data_files_20200101_000000.manifest.json"), "{}");

        Cli.Result list = Cli.withConfig(inst.config(), "list", "--type", "data_files", "--json");
        assertThat(list.exitCode()).as(list.all()).isZero();
        assertThat(dev.backroute.catalog.Manifests.mapper().readTree(list.out()).get("backups")).hasSize(1);
        assertThat(Cli.withConfig(inst.config(), "status", "--type", "data_files").exitCode()).isZero();
    }

    @Test
    void recoverOptionsForAnotherKindOfRestoreAreRefused() throws Exception {
        Installation inst = Installation.in(dir).write("gzip", false);
        java.nio.file.Files.createDirectories(inst.source());
        assertThat(Cli.withConfig(inst.config(), "backup", "--type", "data_files").exitCode()).isZero();
        String dest = dir.resolve("out").toString();
        Cli.Result jobs = Cli.withConfig(inst.config(), "recover", "--backup-path", "data_files:latest", "--destination", dest, "--jobs", "0");
        assertThat(jobs.exitCode()).isEqualTo(2);
        assertThat(jobs.err()).contains("--jobs must be at least 1");
        Cli.Result rename = Cli.withConfig(inst.config(), "recover", "--backup-path", "data_files:latest", "--destination", dest,
                "--rename-suffix", "_x");
        assertThat(rename.exitCode()).isEqualTo(2);
        assertThat(rename.err()).contains("apply only to restoring a Milvus");
        assertThat(dir.resolve("out")).doesNotExist();
    }

    @Test
    void keygenRefusesToOverwriteAKeyset() throws Exception {
        Path keyset = dir.resolve("k.json");
        assertThat(Cli.run("keygen", "--out", keyset.toString()).exitCode()).isZero();
        byte[] first = Files.readAllBytes(keyset);
        Cli.Result again = Cli.run("keygen", "--out", keyset.toString());
        assertThat(again.exitCode()).isEqualTo(2);
        assertThat(Files.readAllBytes(keyset)).isEqualTo(first);

        Cli.Result rotate = Cli.run("keygen", "--rotate", keyset.toString(), "--json");
        assertThat(rotate.exitCode()).isZero();
        assertThat(rotate.out()).contains("\"rotated\"");
    }
}
