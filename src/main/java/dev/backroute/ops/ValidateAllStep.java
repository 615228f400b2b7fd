package dev.backroute.ops;

import dev.backroute.catalog.BackupCatalog;
import dev.backroute.catalog.LocatedBackup;
import dev.backroute.config.BackupConfig;
import dev.backroute.config.TypeConfig;
import dev.backroute.restore.BackupValidator;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;

import java.io.IOException;

/** The scheduled re-read of every kept successful backup: bit rot and lost objects surface before a restore needs them. */
public final class ValidateAllStep implements Processor {
    private final BackupConfig config;
    private final BackupValidator validator;
    private final BackupMetrics metrics;
    private final AlertGateway alerts;

    public ValidateAllStep(BackupConfig config, BackupValidator validator, BackupMetrics metrics, AlertGateway alerts) {
        this.config = config;
        this.validator = validator;
        this.metrics = metrics;
        this.alerts = alerts;
    }

    @Override
    public void process(Exchange exchange) throws IOException {
        BackupCatalog catalog = new BackupCatalog(config);
        for (TypeConfig type : config.enabledTypes()) {
            for (LocatedBackup b : catalog.backups(type.name())) {
                if (b.record().success()) {
                    ValidateRunStep.report(exchange, validator.validate(b), type.name(), metrics, alerts);
                }
            }
        }
    }
}
