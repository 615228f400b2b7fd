package dev.backroute.ops;

import dev.backroute.BackrouteExchange;
import dev.backroute.alert.Alert;
import dev.backroute.backup.BackupGroup;
import dev.backroute.catalog.BackupManager;
import dev.backroute.retention.CleanupResult;
import dev.backroute.retention.RetentionCleaner;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;

/** After a scheduled run: the type's retention, applied now that a new backup exists. */
public final class ApplyRetentionStep implements Processor {
    private final RetentionCleaner cleaner;
    private final BackupManager manager;
    private final BackupMetrics metrics;
    private final AlertRecorder alerts;

    public ApplyRetentionStep(RetentionCleaner cleaner, BackupManager manager, BackupMetrics metrics, AlertRecorder alerts) {
        this.cleaner = cleaner;
        this.manager = manager;
        this.metrics = metrics;
        this.alerts = alerts;
    }

    @Override
    public void process(Exchange exchange) {
        BackupGroup group = exchange.getProperty(BackrouteExchange.GROUP, BackupGroup.class);
        String type = group.type().name();
        CleanupResult result = cleaner.clean(type, false);
        metrics.retentionDeleted(type, result.deleted().size());
        if (!result.success()) {
            String error = result.error() != null ? result.error()
                    : result.errors().stream().map(e -> e.target() + ": " + e.message()).reduce((a, b) -> a + "; " + b).orElse("");
            alerts.failed(exchange, Alert.Kind.CLEANUP_FAILED, type, error, null);
        }
        RecordMetricsStep.refreshKept(manager, metrics, type);
    }
}
