package dev.backroute.cli;

import dev.backroute.crypto.Keyset;
import dev.backroute.testsupport.Installation;
import dev.backroute.testsupport.SampleTree;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An operator's edit of routes/backup.camel.yaml that leaves the pipeline unable to make a backup the config
 * asks for stops {@code backup} and {@code run} before any backup: exit 2, one line naming the file, the
 * route and the step, nothing written to the target.
 */
class EditedRoutesRefusedTest {
    private static final String ENCRYPT_STEP = "                - process:\n                    ref: encryptStep\n";

    @TempDir
    Path dir;

    @Test
    void backupOfAnEncryptedTypeIsRefusedWhenThePipelineHasNoEncryptStep() throws Exception {
        Path routes = routesCopy(yaml -> without(yaml, ENCRYPT_STEP));
        Installation inst = encryptedInstallation();

        CliProcess cli = CliProcess.start(dir.resolve("cli"), routes, Map.of(), "backup", "--type", "data_files",
                "--config", inst.config().toString());

        assertThat(cli.exitStatus()).as(cli.stderr()).isEqualTo(2);
        assertThat(cli.stderr().lines().toList()).containsExactly("backroute: error: " + routes.resolve("backup.camel.yaml")
                + ": route backup-pipeline has no encryptStep, but backup_types.data_files.encrypt is true:"
                + " restore the step (see docs/architecture.md)");
        assertNothingWritten(inst);
    }

    @Test
    void runIsRefusedWhenThePipelineHasNoEncryptStepForAnEncryptedType() throws Exception {
        Path routes = routesCopy(yaml -> without(yaml, ENCRYPT_STEP));
        Installation inst = encryptedInstallation();

        CliProcess cli = CliProcess.start(dir.resolve("cli"), routes, Map.of(), "run", "--http-port", Integer.toString(ManagementServerTest.freePort()),
                "--config", inst.config().toString());

        assertThat(cli.exitStatus()).as(cli.stderr()).isEqualTo(2);
        assertThat(cli.stderr().lines().toList()).containsExactly("backroute: error: " + routes.resolve("backup.camel.yaml")
                + ": route backup-pipeline has no encryptStep, but backup_types.data_files.encrypt is true:"
                + " restore the step (see docs/architecture.md)");
        assertThat(cli.stdout()).doesNotContain("scheduled");
        assertNothingWritten(inst);
    }

    @Test
    void aPipelineWithoutEncryptStepStillBacksUpTypesThatDoNotEncrypt() throws Exception {
        Path routes = routesCopy(yaml -> without(yaml, ENCRYPT_STEP));
        Installation inst = Installation.in(dir).write("gzip", false);
        SampleTree.create(inst.source());

        CliProcess cli = CliProcess.start(dir.resolve("cli"), routes, Map.of(), "backup", "--type", "data_files",
                "--config", inst.config().toString());

        assertThat(cli.exitStatus()).as(cli.stderr()).isZero();
        assertThat(cli.stdout()).startsWith("data_files: backed up data_files_");
        assertThat(FileBackupRoundTripTest.onlyArtifact(inst.typeFolder()).getFileName().toString()).endsWith(".tar.gz");
    }

    @Test
    void encryptStepBeforeCompressStepIsRefusedWithTheOrderNeeded() throws Exception {
        Path routes = routesCopy(yaml -> yaml.replace("ref: compressStep", "ref: PLACEHOLDER")
                .replace("ref: encryptStep", "ref: compressStep").replace("ref: PLACEHOLDER", "ref: encryptStep"));
        Installation inst = encryptedInstallation();

        CliProcess cli = CliProcess.start(dir.resolve("cli"), routes, Map.of(), "backup", "--type", "data_files",
                "--config", inst.config().toString());

        assertThat(cli.exitStatus()).as(cli.stderr()).isEqualTo(2);
        assertThat(cli.stderr().lines().toList()).containsExactly("backroute: error: " + routes.resolve("backup.camel.yaml")
                + ": route backup-pipeline has encryptStep before compressStep, which recovery cannot read: keep the steps"
                + " in the order checksumStep, repositoryStoreStep, compressStep, encryptStep, stageStep, storeStep, manifestStep"
                + " (see docs/architecture.md)");
        assertNothingWritten(inst);
    }

    @Test
    void aTypeNamedLikeARouteIsRefusedByItsNameBeforeAnyBackup() throws Exception {
        Installation inst = Installation.in(dir).write("gzip", false);
        SampleTree.create(inst.source());
        // Its route would be backup-pipeline: it would replace the shared pipeline.
        Files.writeString(inst.config(), Files.readString(inst.config()).replace("\"backup_types\": {",
                "\"backup_types\": { \"pipeline\": { \"kind\": \"files\", \"storage\": [\"local\"], \"source\": { \"paths\": [\"src\"] } },"));

        Path routes = routesCopy(yaml -> yaml);

        CliProcess cli = CliProcess.start(dir.resolve("cli"), routes, Map.of(), "backup", "--type", "data_files",
                "--config", inst.config().toString());

        assertThat(cli.exitStatus()).as(cli.stderr()).isEqualTo(2);
        assertThat(cli.stderr().lines().toList()).containsExactly("backroute: error: backup_types.pipeline: the name is taken by route"
                + " backup-pipeline of " + routes + " (a type's route is backup-pipeline, reached at direct:backup-pipeline); give the type"
                + " another name");
        assertNothingWritten(inst);
    }

    private Installation encryptedInstallation() throws Exception {
        Installation inst = Installation.in(dir).write("gzip", true);
        Keyset.generate(inst.keyset());
        SampleTree.create(inst.source());
        return inst;
    }

    /** The project's routes/ copied to a temp folder, with backup.camel.yaml edited as an operator might. */
    private Path routesCopy(UnaryOperator<String> edit) throws IOException {
        Path copy = Files.createDirectories(dir.resolve("routes"));
        try (Stream<Path> files = Files.list(Path.of("routes"))) {
            for (Path file : files.toList()) {
                Files.copy(file, copy.resolve(file.getFileName()));
            }
        }
        Path backup = copy.resolve("backup.camel.yaml");
        Files.writeString(backup, edit.apply(Files.readString(backup)));
        return copy;
    }

    private static String without(String yaml, String lines) {
        assertThat(yaml).contains(lines);
        return yaml.replace(lines, "");
    }

    private static void assertNothingWritten(Installation inst) throws IOException {
        if (Files.exists(inst.backups())) {
            try (Stream<Path> files = Files.walk(inst.backups())) {
                assertThat(files.filter(Files::isRegularFile)).isEmpty();
            }
        }
    }
}
