package dev.backroute.camel;

import dev.backroute.Errors;
import dev.backroute.backup.BackupRun;
import dev.backroute.catalog.BackupRecord;

/** How one backup ended: its manifest when it got far enough to write one, else the error that stopped it. */
public record BackupOutcome(String type, BackupRun run, Throwable error) {

    public BackupRecord record() {
        return run == null ? null : run.record();
    }

    public boolean succeeded() {
        return record() != null && record().success();
    }

    public String errorMessage() {
        if (record() != null && record().error() != null) {
            return record().error();
        }
        return error == null ? null : Errors.describe(error);
    }
}
