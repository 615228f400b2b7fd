package dev.backroute.ops;

import dev.backroute.alert.Alert;
import dev.backroute.backup.BackupGroup;
import dev.backroute.catalog.BackupCatalog;
import dev.backroute.catalog.BackupRecord;
import dev.backroute.config.BackupConfig;
import dev.backroute.restore.BackupValidator;
import dev.backroute.restore.ValidationResult;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;

import java.io.IOException;

/** After a scheduled run: re-reads every artifact it just stored, on every target, before anyone needs it. */
public final class ValidateRunStep implements Processor {
    private final BackupConfig config;
    private final BackupValidator validator;
    private final BackupMetrics metrics;
    private final AlertGateway alerts;

    public ValidateRunStep(BackupConfig config, BackupValidator validator, BackupMetrics metrics, AlertGateway alerts) {
        this.config = config;
        this.validator = validator;
        this.metrics = metrics;
        this.alerts = alerts;
    }

    @Override
    public void process(Exchange exchange) throws IOException {
        BackupGroup group = exchange.getProperty(BackupGroup.PROPERTY, BackupGroup.class);
        if (group == null) {
            return;
        }
        BackupCatalog catalog = new BackupCatalog(config);
        for (BackupRecord r : group.records()) {
            if (r.success()) {
                report(exchange, validator.validate(catalog.byId(r.type(), r.id())), r.type(), metrics, alerts);
            }
        }
    }

    static void report(Exchange exchange, ValidationResult result, String type, BackupMetrics metrics, AlertGateway alerts) {
        metrics.validation(type, result.success());
        if (!result.success()) {
            alerts.failed(exchange.getContext(), Alert.Kind.VALIDATION_FAILED, type, result.errorMessage(), result.backupId());
        }
    }
}
