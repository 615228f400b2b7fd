package dev.backroute.ops;

import dev.backroute.Errors;
import dev.backroute.alert.Alert;
import dev.backroute.backup.BackupRun;
import dev.backroute.catalog.TypeLock;

import java.util.Optional;

/**
 * Error path of a backup, after the failure is recorded: the "backup failed" alert to raise. A run that could
 * not start because the type was locked by another run is not a failure of the backups, so it has none.
 */
public final class AlertFailure {
    private final TypeAlerts alerts;

    public AlertFailure(TypeAlerts alerts) {
        this.alerts = alerts;
    }

    /**
     * @param type  the type whose backup failed
     * @param run   the artifact in hand, or null when the run never began
     * @param cause what failed, or null when unknown
     */
    public Optional<Alert> alert(String type, BackupRun run, Throwable cause) {
        if (cause instanceof TypeLock.LockedException) {
            return Optional.empty();
        }
        return alerts.failure(Alert.Kind.BACKUP_FAILED, type, cause == null ? "unknown error" : Errors.describe(cause),
                run == null ? null : run.id());
    }
}
