package dev.backroute.ops;

import dev.backroute.BackrouteExchange;
import dev.backroute.Errors;
import dev.backroute.alert.Alert;
import dev.backroute.backup.BackupRun;
import dev.backroute.catalog.TypeLock;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;

/**
 * Error path, after the failure is recorded: raises the "backup failed" alert. A run that could not start
 * because the type was locked by another run is not a failure of the backups, so it raises nothing.
 */
public final class AlertFailureStep implements Processor {
    private final AlertGateway alerts;

    public AlertFailureStep(AlertGateway alerts) {
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
        alerts.failed(exchange.getContext(), Alert.Kind.BACKUP_FAILED, type, cause == null ? "unknown error" : Errors.describe(cause),
                run == null ? null : run.id());
    }
}
