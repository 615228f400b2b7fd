package dev.backroute.ops;

import dev.backroute.alert.Alert;
import dev.backroute.backup.BackupGroup;
import dev.backroute.catalog.BackupManager;
import dev.backroute.retention.CleanupResult;
import dev.backroute.retention.RetentionCleaner;

import java.util.function.Consumer;

/** After a run: the type's retention, applied now that a new backup exists. */
public final class ApplyRetention {
    private final RetentionCleaner cleaner;
    private final BackupManager manager;
    private final BackupMetrics metrics;
    private final TypeAlerts alerts;

    public ApplyRetention(RetentionCleaner cleaner, BackupManager manager, BackupMetrics metrics, TypeAlerts alerts) {
        this.cleaner = cleaner;
        this.manager = manager;
        this.metrics = metrics;
        this.alerts = alerts;
    }

    /**
     * {@code raise} takes a failed cleanup's alert as soon as it is known, so that it is still raised when
     * reading what the type keeps afterwards fails.
     */
    public void apply(BackupGroup group, Consumer<Alert> raise) {
        String type = group.type().name();
        CleanupResult result = cleaner.clean(type, false);
        metrics.retentionDeleted(type, result.deleted().size());
        if (!result.success()) {
            alerts.failure(Alert.Kind.CLEANUP_FAILED, type, error(result), null).ifPresent(raise);
        }
        RecordMetrics.refreshKept(manager, metrics, type);
    }

    private static String error(CleanupResult result) {
        return result.error() != null ? result.error()
                : result.errors().stream().map(e -> e.target() + ": " + e.message()).reduce((a, b) -> a + "; " + b).orElse("");
    }
}
