package dev.backroute.ops;

import dev.backroute.BackrouteExchange;
import dev.backroute.alert.Alert;
import dev.backroute.backup.BackupGroup;
import dev.backroute.catalog.BackupCatalog;
import dev.backroute.catalog.BackupRecord;
import dev.backroute.catalog.LocatedBackup;
import dev.backroute.config.BackupConfig;
import dev.backroute.config.TypeConfig;
import dev.backroute.restore.BackupValidator;
import dev.backroute.restore.ValidationResult;
import org.apache.camel.Exchange;

import java.io.IOException;

/**
 * The runtime's two validation passes: after each run, every artifact it just stored, on every target;
 * and on its own schedule, every kept successful backup, so bit rot and lost objects surface before a
 * restore needs them. Each verdict goes into the metrics; a failure records an alert, which the calling route raises.
 */
public final class Validation {
    private final BackupConfig config;
    private final BackupValidator validator;
    private final BackupMetrics metrics;
    private final AlertRecorder alerts;

    public Validation(BackupConfig config, BackupValidator validator, BackupMetrics metrics, AlertRecorder alerts) {
        this.config = config;
        this.validator = validator;
        this.metrics = metrics;
        this.alerts = alerts;
    }

    /** Route step of after-backup: the run in the exchange's {@code backrouteGroup}. */
    public void lastRun(Exchange exchange) throws IOException {
        BackupGroup group = exchange.getProperty(BackrouteExchange.GROUP, BackupGroup.class);
        BackupCatalog catalog = validator.catalog();
        for (BackupRecord r : group.records()) {
            if (r.success()) {
                LocatedBackup backup = catalog.byId(r.type(), r.id());
                report(exchange, backup, validator.checkStoredCopies(backup, group.progress(), "read-back"));
            }
        }
    }

    /** Route step of validate-all. */
    public void everything(Exchange exchange) throws IOException {
        BackupCatalog catalog = validator.catalog();
        for (TypeConfig type : config.enabledTypes()) {
            for (LocatedBackup b : catalog.backups(type.name())) {
                if (b.record().success()) {
                    report(exchange, b, validator.validate(b));
                }
            }
        }
    }

    private void report(Exchange exchange, LocatedBackup backup, ValidationResult result) {
        String type = backup.record().type();
        metrics.validation(type, result.success());
        if (!result.success()) {
            alerts.failed(exchange, Alert.Kind.VALIDATION_FAILED, type, result.errorMessage(), result.backupId());
        }
    }
}
