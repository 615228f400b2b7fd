package dev.backroute.ops;

import dev.backroute.alert.Alert;
import dev.backroute.backup.BackupGroup;
import dev.backroute.catalog.BackupCatalog;
import dev.backroute.catalog.BackupRecord;
import dev.backroute.catalog.LocatedBackup;
import dev.backroute.config.BackupConfig;
import dev.backroute.config.TypeConfig;
import dev.backroute.restore.BackupValidator;
import dev.backroute.restore.ValidationResult;

import java.io.IOException;
import java.util.List;
import java.util.function.Consumer;

/**
 * The runtime's two validation passes: after each run, every artifact it just stored, on every target;
 * and on its own schedule, type by type, every kept successful backup, so bit rot and lost objects surface
 * before a restore needs them. Each verdict goes into the metrics; each failure's alert goes to {@code raise} as soon
 * as it is found, so the failures found before a pass that stops are still raised.
 */
public final class ValidateBackups {
    private final BackupConfig config;
    private final BackupValidator validator;
    private final BackupMetrics metrics;
    private final TypeAlerts alerts;

    public ValidateBackups(BackupConfig config, BackupValidator validator, BackupMetrics metrics, TypeAlerts alerts) {
        this.config = config;
        this.validator = validator;
        this.metrics = metrics;
        this.alerts = alerts;
    }

    /** The successful artifacts of a run, read back. */
    public void lastRun(BackupGroup group, Consumer<Alert> raise) throws IOException {
        BackupCatalog catalog = validator.catalog();
        for (BackupRecord r : group.records()) {
            if (r.success()) {
                LocatedBackup backup = catalog.byId(r.type(), r.id());
                report(backup, validator.checkStoredCopies(backup, group.packsWritten(r.id()), group.progress(), "read-back"), raise);
            }
        }
    }

    /** The types the scheduled validation goes through, one pass each: the enabled ones. */
    public List<String> types() {
        return config.enabledTypes().stream().map(TypeConfig::name).toList();
    }

    /** Every kept successful backup of one type. */
    public void type(String type, Consumer<Alert> raise) throws IOException {
        for (LocatedBackup b : validator.catalog().backups(type)) {
            if (b.record().success()) {
                report(b, validator.validate(b), raise);
            }
        }
    }

    private void report(LocatedBackup backup, ValidationResult result, Consumer<Alert> raise) {
        String type = backup.record().type();
        metrics.validation(type, result.success());
        if (!result.success()) {
            alerts.failure(Alert.Kind.VALIDATION_FAILED, type, result.errorMessage(), result.backupId()).ifPresent(raise);
        }
    }
}
