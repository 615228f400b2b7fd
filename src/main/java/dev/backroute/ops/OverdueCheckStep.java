package dev.backroute.ops;

import dev.backroute.alert.Alert;
import dev.backroute.catalog.BackupManager;
import dev.backroute.config.BackupConfig;
import dev.backroute.config.TypeConfig;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;

import java.time.Clock;
import java.time.Instant;

/** The dead-man's switch: on its own timer, raises an "overdue" alert for each type without a recent success. */
public final class OverdueCheckStep implements Processor {
    private final BackupConfig config;
    private final AlertGateway alerts;
    private final Clock clock;
    private final Instant watchingSince;

    public OverdueCheckStep(BackupConfig config, AlertGateway alerts, Clock clock) {
        this.config = config;
        this.alerts = alerts;
        this.clock = clock;
        this.watchingSince = clock.instant();
    }

    @Override
    public void process(Exchange exchange) {
        BackupManager manager = new BackupManager(config, clock);
        for (TypeConfig type : config.enabledTypes()) {
            TypeHealth health = TypeHealth.of(manager.getBackupStatus(type.name()), clock.instant(), watchingSince);
            if (health.overdue()) {
                alerts.failed(exchange.getContext(), Alert.Kind.OVERDUE, type.name(), health.detail(), null);
            }
        }
    }

    public Instant watchingSince() {
        return watchingSince;
    }
}
