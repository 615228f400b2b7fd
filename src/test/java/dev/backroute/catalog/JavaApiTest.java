package dev.backroute.catalog;

import dev.backroute.config.BackupConfig;
import dev.backroute.restore.BackupValidator;
import dev.backroute.restore.ValidationResult;
import dev.backroute.testsupport.Cli;
import dev.backroute.testsupport.Installation;
import dev.backroute.testsupport.SampleTree;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The Java API of the contract, used as SPEC.md shows it. */
class JavaApiTest {

    @TempDir
    Path dir;

    @Test
    void statusListAndValidateAsTheSpecShowsThem() throws Exception {
        Installation inst = Installation.in(dir).write("gzip", false);
        SampleTree.create(inst.source());
        assertThat(Cli.withConfig(inst.config(), "backup", "--type", "data_files").exitCode()).isZero();
        assertThat(Cli.withConfig(inst.config(), "backup", "--type", "data_files", "--force").exitCode()).isZero();

        BackupConfig config = BackupConfig.loadFromFile(inst.config().toString());
        BackupManager manager = new BackupManager(config);
        BackupStatus status = manager.getBackupStatus("data_files");
        List<BackupRecord> recent = manager.listBackups("data_files", 10);

        assertThat(recent).hasSize(2).allMatch(BackupRecord::success);
        assertThat(recent.get(0).startedAt()).isAfterOrEqualTo(recent.get(1).startedAt());
        assertThat(status.lastSuccess().id()).isEqualTo(recent.get(0).id());
        assertThat(status.successfulCount()).isEqualTo(2);
        assertThat(status.bytesPerTarget().get("local")).isEqualTo(recent.get(0).storedBytes() + recent.get(1).storedBytes());
        assertThat(status.nextDue()).isAfter(recent.get(0).startedAt());
        assertThat(manager.listBackups("data_files", 1)).containsExactly(recent.get(0));

        BackupRecord record = recent.get(0);
        assertThat(record.sha256()).hasSize(64);
        assertThat(record.contentSha256()).hasSize(64).isNotEqualTo(record.sha256());
        assertThat(record.source()).containsEntry("kind", "files");
        assertThat(record.storage()).extracting(BackupRecord.StoredCopy::target).containsExactly("local");

        java.time.Instant beforeValidation = java.time.Instant.now();
        BackupValidator validator = new BackupValidator(config);
        ValidationResult r = validator.validateBackup(record);
        assertThat(r.success()).as(r.errorMessage()).isTrue();
        assertThat(r.errorMessage()).isNull();
        BackupRecord.ValidationInfo recorded = manager.listBackups("data_files", 1).get(0).validation();
        assertThat(recorded.success()).isTrue();
        assertThat(recorded.at()).as("written by this validation, not the one after the backup").isAfterOrEqualTo(beforeValidation);
    }
}
