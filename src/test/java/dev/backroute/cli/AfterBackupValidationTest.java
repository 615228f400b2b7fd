package dev.backroute.cli;

import dev.backroute.catalog.BackupManager;
import dev.backroute.catalog.BackupRecord;
import dev.backroute.config.BackupConfig;
import dev.backroute.testsupport.Cli;
import dev.backroute.testsupport.Installation;
import dev.backroute.testsupport.SampleTree;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** Every backup run reads back what it stored unless operations.validate_after_backup is false. */
class AfterBackupValidationTest {

    @TempDir
    Path dir;

    @Test
    void aBackupRunValidatesWhatItStoredByDefault() throws Exception {
        Installation inst = Installation.in(dir).write("zstd", false);
        SampleTree.create(inst.source());

        assertThat(Cli.withConfig(inst.config(), "backup", "--type", "data_files").exitCode()).isZero();

        BackupRecord.ValidationInfo validation = latest(inst).validation();
        assertThat(validation).isNotNull();
        assertThat(validation.success()).isTrue();
    }

    @Test
    void withValidateAfterBackupFalseTheRunLeavesValidationToLater() throws Exception {
        Installation inst = Installation.in(dir).write("zstd", false);
        String json = Files.readString(inst.config());
        Files.writeString(inst.config(), json.substring(0, json.lastIndexOf('}'))
                + ", \"operations\": { \"validate_after_backup\": false } }");
        SampleTree.create(inst.source());

        assertThat(Cli.withConfig(inst.config(), "backup", "--type", "data_files").exitCode()).isZero();
        assertThat(latest(inst).validation()).as("not read back after the run").isNull();

        Cli.Result validate = Cli.withConfig(inst.config(), "validate", "--type", "data_files", "--latest");
        assertThat(validate.exitCode()).as(validate.all()).isZero();
        assertThat(latest(inst).validation().success()).isTrue();
    }

    private static BackupRecord latest(Installation inst) throws Exception {
        BackupManager manager = new BackupManager(BackupConfig.loadFromFile(inst.config().toString()));
        return manager.listBackups("data_files", 1).get(0);
    }
}
