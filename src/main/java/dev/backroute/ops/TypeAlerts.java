package dev.backroute.ops;

import dev.backroute.alert.Alert;
import dev.backroute.catalog.BackupManager;
import dev.backroute.catalog.BackupStatus;
import dev.backroute.catalog.Schedule;
import dev.backroute.config.BackupConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Instant;
import java.util.Optional;

/**
 * Builds the alerts the operations services hand back for raising, adding the type's last success and next
 * scheduled try. Whatever goes wrong here is logged and leaves the alert out: an alert must never turn a
 * result into another failure.
 */
public final class TypeAlerts {
    private static final Logger LOG = LoggerFactory.getLogger(TypeAlerts.class);

    private final BackupConfig config;
    private final BackupManager manager;
    private final Clock clock;

    public TypeAlerts(BackupConfig config, BackupManager manager, Clock clock) {
        this.config = config;
        this.manager = manager;
        this.clock = clock;
    }

    public Optional<Alert> failure(Alert.Kind kind, String type, String error, String backupId) {
        try {
            Instant now = clock.instant();
            BackupStatus status = manager.getBackupStatus(type);
            Instant lastSuccess = status.lastSuccess() == null ? null : status.lastSuccess().startedAt();
            Instant nextTry = new Schedule(config.type(type).schedule()).nextFireAfter(now);
            return Optional.of(Alert.of(kind, type, error, lastSuccess, nextTry, now, backupId));
        } catch (RuntimeException e) {
            LOG.warn("could not raise the {} alert for {}: {}", kind, type, e.getMessage());
            return Optional.empty();
        }
    }

    /** A type's run ended well: lets the alert routes send "recovered" when a failure was outstanding. */
    public Optional<Alert> recovery(String type) {
        return recovery(Alert.Kind.RECOVERED, type);
    }

    /** {@code kind} ({@link Alert.Kind#recovery()}) of the type happened: the alert routes end what it ends. */
    public Optional<Alert> recovery(Alert.Kind kind, String type) {
        try {
            Instant now = clock.instant();
            return Optional.of(Alert.of(kind, type, "", now, null, now, null));
        } catch (RuntimeException e) {
            LOG.warn("could not report the success of {} to the alert routes: {}", type, e.getMessage());
            return Optional.empty();
        }
    }
}
