package dev.backroute.ops;

import dev.backroute.BackrouteExchange;
import dev.backroute.Errors;
import dev.backroute.alert.Alert;
import dev.backroute.backup.BackupRun;
import dev.backroute.catalog.TypeLock;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;

/**
 * Error path, after the failure is recorded: records the "backup failed" alert, which the error handler then
 * raises. A run that could not start because the type was locked by another run is not a failure of the
 * backups, so it records nothing.
 */
public final class AlertFailureStep implements Processor {
    private final AlertRecorder alerts;

    public AlertFailureStep(AlertRecorder alerts) {
        this.alerts = alerts;
    }

    @Override
    public void process(Exchange exchange) {
        Throwable cause = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
        if (cause instanceof TypeLock.LockedException) {
            return;
        }
        String type = exchange.getProperty(BackrouteExchange.TYPE, String.class);
        BackupRun run = exchange.getProperty(BackrouteExchange.RUN, BackupRun.class);
        alerts.failed(exchange, Alert.Kind.BACKUP_FAILED, type, cause == null ? "unknown error" : Errors.describe(cause),
                run == null ? null : run.id());
    }
}
