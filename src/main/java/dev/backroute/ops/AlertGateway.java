package dev.backroute.ops;

import dev.backroute.alert.Alert;
import dev.backroute.catalog.BackupManager;
import dev.backroute.catalog.BackupStatus;
import dev.backroute.catalog.Schedule;
import dev.backroute.config.BackupConfig;
import org.apache.camel.CamelContext;
import org.apache.camel.ProducerTemplate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Instant;

/**
 * Hands alerts to the alert routes ({@code direct:alert}, {@code direct:backup-succeeded}), adding the
 * type's last success and next scheduled try. Whatever happens here is logged and swallowed: an alert
 * must never turn a result into another failure.
 */
public final class AlertGateway {
    private static final Logger LOG = LoggerFactory.getLogger(AlertGateway.class);

    private final BackupConfig config;
    private final BackupManager manager;
    private final Clock clock;
    private volatile ProducerTemplate producer;

    public AlertGateway(BackupConfig config, BackupManager manager, Clock clock) {
        this.config = config;
        this.manager = manager;
        this.clock = clock;
    }

    public void failed(CamelContext context, Alert.Kind kind, String type, String error, String backupId) {
        try {
            Instant now = clock.instant();
            BackupStatus status = manager.getBackupStatus(type);
            Instant lastSuccess = status.lastSuccess() == null ? null : status.lastSuccess().startedAt();
            Instant nextTry = new Schedule(config.type(type).schedule()).nextFireAfter(now);
            producer(context).sendBody("direct:alert", Alert.of(kind, type, error, lastSuccess, nextTry, now, backupId));
        } catch (RuntimeException e) {
            LOG.warn("could not raise the {} alert for {}: {}", kind, type, e.getMessage());
        }
    }

    /** A type's run ended well: lets the alert routes send "recovered" when a failure was outstanding. */
    public void succeeded(CamelContext context, String type) {
        try {
            producer(context).sendBody("direct:backup-succeeded", type);
        } catch (RuntimeException e) {
            LOG.warn("could not report the success of {} to the alert routes: {}", type, e.getMessage());
        }
    }

    private ProducerTemplate producer(CamelContext context) {
        ProducerTemplate p = producer;
        if (p == null) {
            synchronized (this) {
                if (producer == null) {
                    producer = context.createProducerTemplate();
                }
                p = producer;
            }
        }
        return p;
    }
}
