package dev.backroute.ops;

import dev.backroute.Errors;
import dev.backroute.alert.Alert;
import dev.backroute.catalog.BackupManager;
import dev.backroute.catalog.BackupStatus;
import dev.backroute.config.BackupConfig;
import dev.backroute.config.TypeConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The dead-man's switch, on its own timer: an "overdue" alert for each type without a recent success, a
 * "future-dated" one for each type with manifests dated beyond the allowed clock skew, which schedules and
 * retention ignore until someone looks at them, and an "untrusted" one for each type with manifests the
 * catalog refuses: a backup that silently stopped counting, or something planted. It also puts each type's
 * standing into the metrics, read from the catalog, so Prometheus sees it from the first check after a restart.
 */
public final class OverdueCheck {
    private static final Logger LOG = LoggerFactory.getLogger(OverdueCheck.class);

    private final BackupConfig config;
    private final BackupManager manager;
    private final TypeAlerts alerts;
    private final BackupMetrics metrics;
    private final Clock clock;
    private final Instant watchingSince;

    public OverdueCheck(BackupConfig config, BackupManager manager, TypeAlerts alerts, BackupMetrics metrics, Clock clock) {
        this.config = config;
        this.manager = manager;
        this.alerts = alerts;
        this.metrics = metrics;
        this.clock = clock;
        this.watchingSince = clock.instant();
    }

    /** The alerts to raise, oldest first. One type whose storage cannot be read now does not blind the check for the others. */
    public List<Alert> check() {
        List<Alert> found = new ArrayList<>();
        for (TypeConfig type : config.enabledTypes()) {
            try {
                check(type, found);
            } catch (RuntimeException e) {
                LOG.warn("overdue check of {} skipped: {}", type.name(), Errors.describe(e));
            }
        }
        return found;
    }

    private void check(TypeConfig type, List<Alert> found) {
        BackupStatus status = manager.getBackupStatus(type.name());
        TypeHealth health = TypeHealth.of(status, clock.instant(), watchingSince);
        metrics.standing(status, health);
        if (health.overdue()) {
            alerts.failure(Alert.Kind.OVERDUE, type.name(), health.detail(), null).ifPresent(found::add);
        }
        if (!status.futureDated().isEmpty()) {
            String warnings = String.join("; ", status.futureDated().stream().map(BackupStatus.FutureDated::warning).toList());
            alerts.failure(Alert.Kind.FUTURE_DATED, type.name(), warnings, status.futureDated().get(0).id()).ifPresent(found::add);
        }
        if (!status.untrusted().isEmpty()) {
            alerts.failure(Alert.Kind.UNTRUSTED_MANIFEST, type.name(), untrusted(type.name(), status), null).ifPresent(found::add);
        }
    }

    private static String untrusted(String type, BackupStatus status) {
        List<BackupStatus.Distrusted> all = status.untrusted();
        return all.size() + " manifest(s) of " + type + " not trusted, first " + all.get(0).manifest() + " on " + all.get(0).target()
                + ": " + all.get(0).reason() + "; see ./backroute list --type " + type + " and docs/security.md";
    }

    public Instant watchingSince() {
        return watchingSince;
    }
}
