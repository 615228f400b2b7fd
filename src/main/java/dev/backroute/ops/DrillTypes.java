package dev.backroute.ops;

import dev.backroute.Errors;
import dev.backroute.alert.Alert;
import dev.backroute.catalog.BackupNotFoundException;
import dev.backroute.catalog.ManifestAuthority;
import dev.backroute.catalog.TypeLock;
import dev.backroute.config.BackupConfig;
import dev.backroute.config.TypeConfig;
import dev.backroute.drill.DrillRecord;
import dev.backroute.drill.DrillRecords;
import dev.backroute.drill.DrillService;
import dev.backroute.pipeline.ProgressListener;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Recovery drills as the runtime runs them, for {@code drill} and the monthly schedule: each type's drill, its
 * metrics, and one {@link Alert.Kind#DRILL_FAILED} alert naming the failed check (or what stopped the drill).
 */
public final class DrillTypes {
    private static final Logger LOG = LoggerFactory.getLogger(DrillTypes.class);

    private final BackupConfig config;
    private final Map<String, String> env;
    private final Clock clock;
    private final BackupMetrics metrics;
    private final TypeAlerts alerts;

    public DrillTypes(BackupConfig config, Map<String, String> env, Clock clock, BackupMetrics metrics, TypeAlerts alerts) {
        this.config = config;
        this.env = env;
        this.clock = clock;
        this.metrics = metrics;
        this.alerts = alerts;
    }

    /** The types the scheduled drill restores: enabled, with {@code drill.enabled}. */
    public List<String> types() {
        return config.enabledTypes().stream().filter(t -> t.drill().enabled()).map(TypeConfig::name).toList();
    }

    /**
     * Drills {@code type} ({@code backupRef} null: its newest successful run). A drill that fails, or cannot run, raises
     * its alert; the exception of one that cannot run is rethrown for the caller to report.
     */
    public DrillService.Outcome type(String type, String backupRef, boolean keep, ProgressListener progress, Consumer<String> say,
            Consumer<Alert> raise) throws IOException {
        DrillService.Outcome outcome;
        try {
            outcome = new DrillService(config, env, clock, say, progress).drill(type, backupRef, keep || config.type(type).drill().keep());
        } catch (BackupNotFoundException | TypeLock.LockedException e) {
            // No backup to drill is OVERDUE's to report, and a drill already running reports its own outcome.
            throw e;
        } catch (IOException | RuntimeException e) {
            alerts.failure(Alert.Kind.DRILL_FAILED, type, "the drill of " + type + " could not run: " + Errors.describe(e), null)
                    .ifPresent(raise);
            throw e;
        }
        DrillRecord record = outcome.record();
        metrics.drill(record, true);
        if (!record.success()) {
            alerts.failure(Alert.Kind.DRILL_FAILED, type, "the drill of " + type + " failed: " + record.error(),
                    record.backups().isEmpty() ? null : record.backups().get(0).backupId()).ifPresent(raise);
        } else if (outcome.recordError() != null) {
            alerts.failure(Alert.Kind.DRILL_FAILED, type, "the drill of " + type + " passed but its record was not kept: "
                    + outcome.recordError(), null).ifPresent(raise);
        } else {
            alerts.recovery(Alert.Kind.DRILL_PASSED, type).ifPresent(raise);
        }
        return outcome;
    }

    /** At start: each type's last drill from its record, so the drill gauges are not empty until next month. */
    public void recordLastDrills() {
        DrillRecords records = new DrillRecords(config, ManifestAuthority.of(config, env));
        for (TypeConfig type : config.enabledTypes()) {
            try {
                records.latest(type.name()).ifPresent(r -> metrics.drill(r, false));
                records.latestPassed(type.name()).ifPresent(metrics::drillPassed);
            } catch (IOException | RuntimeException e) {
                LOG.warn("could not read the last drill of {}: {}", type.name(), Errors.describe(e));
            }
        }
    }
}
