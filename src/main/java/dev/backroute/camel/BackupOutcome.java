package dev.backroute.camel;

import dev.backroute.Errors;
import dev.backroute.backup.BackupGroup;
import dev.backroute.catalog.BackupRecord;

import java.util.List;

/**
 * How one run of a type's route ended: the manifests it wrote (one per artifact), or the error that
 * stopped it before it could write any, and the warnings of a run that went on despite them.
 */
public record BackupOutcome(String type, List<BackupRecord> records, Throwable error, List<String> warnings) {

    static BackupOutcome of(String type, BackupGroup group, Throwable error) {
        return group == null ? new BackupOutcome(type, List.of(), error, List.of())
                : new BackupOutcome(type, group.records(), error, group.warnings());
    }

    public boolean succeeded() {
        return error == null && !records.isEmpty() && records.stream().allMatch(BackupRecord::success);
    }

    /** The first error: of a failed artifact, else the one that stopped the run. */
    public String errorMessage() {
        return records.stream().filter(r -> !r.success()).map(r -> (r.id() + ": " + r.error())).findFirst()
                .orElse(error == null ? (records.isEmpty() ? "the route wrote no backup" : null) : Errors.describe(error));
    }
}
