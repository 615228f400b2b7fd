package dev.backroute.ops;

import dev.backroute.alert.Alert;
import dev.backroute.backup.BackupGroup;
import dev.backroute.catalog.BackupRecord;

import java.io.IOException;
import java.util.Optional;

/**
 * End of a type's backup: releases the type's lock, so that the validation and retention that follow the run
 * can take it, and when every artifact of the run succeeded gives the RECOVERED alert that tells the
 * alert routes so (they send "recovered" after an outstanding failure).
 */
public final class FinishRun {
    private final TypeAlerts alerts;

    public FinishRun(TypeAlerts alerts) {
        this.alerts = alerts;
    }

    /** {@code group}: the run, or null when it never began (nothing to release, nothing to report). */
    public Optional<Alert> finish(BackupGroup group) throws IOException {
        if (group == null) {
            return Optional.empty();
        }
        group.releaseLock();
        if (!group.records().isEmpty() && group.records().stream().allMatch(BackupRecord::success)) {
            return alerts.recovery(group.type().name());
        }
        return Optional.empty();
    }
}
