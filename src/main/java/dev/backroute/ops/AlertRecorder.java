package dev.backroute.ops;

import dev.backroute.BackrouteExchange;
import dev.backroute.alert.Alert;
import dev.backroute.catalog.BackupManager;
import dev.backroute.catalog.BackupStatus;
import dev.backroute.catalog.Schedule;
import dev.backroute.config.BackupConfig;
import org.apache.camel.Exchange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Records on the exchange ({@link BackrouteExchange#ALERTS}) the alerts a step wants raised, adding the
 * type's last success and next scheduled try; the routes raise them ({@code direct:raise-alerts}), so no
 * step sends to an endpoint. Whatever happens here is logged and swallowed: an alert must never turn a
 * result into another failure.
 */
public final class AlertRecorder {
    private static final Logger LOG = LoggerFactory.getLogger(AlertRecorder.class);

    private final BackupConfig config;
    private final BackupManager manager;
    private final Clock clock;

    public AlertRecorder(BackupConfig config, BackupManager manager, Clock clock) {
        this.config = config;
        this.manager = manager;
        this.clock = clock;
    }

    public void failed(Exchange exchange, Alert.Kind kind, String type, String error, String backupId) {
        try {
            Instant now = clock.instant();
            BackupStatus status = manager.getBackupStatus(type);
            Instant lastSuccess = status.lastSuccess() == null ? null : status.lastSuccess().startedAt();
            Instant nextTry = new Schedule(config.type(type).schedule()).nextFireAfter(now);
            record(exchange, Alert.of(kind, type, error, lastSuccess, nextTry, now, backupId));
        } catch (RuntimeException e) {
            LOG.warn("could not raise the {} alert for {}: {}", kind, type, e.getMessage());
        }
    }

    /** A type's run ended well: lets the alert routes send "recovered" when a failure was outstanding. */
    public void succeeded(Exchange exchange, String type) {
        try {
            Instant now = clock.instant();
            record(exchange, Alert.of(Alert.Kind.RECOVERED, type, "", now, null, now, null));
        } catch (RuntimeException e) {
            LOG.warn("could not report the success of {} to the alert routes: {}", type, e.getMessage());
        }
    }

    /** The alerts recorded on the exchange and not yet raised, oldest first. */
    @SuppressWarnings("unchecked")
    static List<Alert> recorded(Exchange exchange) {
        List<Alert> alerts = exchange.getProperty(BackrouteExchange.ALERTS, List.class);
        return alerts == null ? List.of() : alerts;
    }

    /** A new list each time: a split's copy of the exchange shares its parent's list object, which must not grow. */
    private static void record(Exchange exchange, Alert alert) {
        List<Alert> alerts = new ArrayList<>(recorded(exchange));
        alerts.add(alert);
        exchange.setProperty(BackrouteExchange.ALERTS, List.copyOf(alerts));
    }
}
