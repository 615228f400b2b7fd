package dev.backroute.ops;

import dev.backroute.alert.Alert;
import dev.backroute.backup.BackupGroup;
import dev.backroute.catalog.BackupCatalog;
import dev.backroute.catalog.BackupRecord;
import dev.backroute.catalog.LocatedBackup;
import dev.backroute.config.BackupConfig;
import dev.backroute.config.TypeConfig;
import dev.backroute.restore.BackupValidator;
import dev.backroute.restore.SubsetResult;
import dev.backroute.restore.SubsetValidator;
import dev.backroute.restore.ValidationResult;

import java.io.IOException;
import java.util.List;
import java.util.function.Consumer;

/**
 * The runtime's validation passes: after each run, every artifact it just stored, on every target; on its own
 * schedule, type by type, every kept successful backup, so bit rot and lost objects surface before a restore needs
 * them; and on another, more often, each repository type's structure and the next share of its packs
 * ({@link SubsetValidator}), so every pack is read within a rotation at a fraction of the full pass's reads. Each
 * verdict goes into the metrics; each failure's alert goes to {@code raise} as soon as it is found, so the failures
 * found before a pass that stops are still raised.
 */
public final class ValidateBackups {
    private final BackupConfig config;
    private final BackupValidator validator;
    private final SubsetValidator subsets;
    private final BackupMetrics metrics;
    private final TypeAlerts alerts;

    public ValidateBackups(BackupConfig config, BackupValidator validator, SubsetValidator subsets, BackupMetrics metrics,
            TypeAlerts alerts) {
        this.config = config;
        this.validator = validator;
        this.subsets = subsets;
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

    /** The types the scheduled subset pass goes through: the enabled ones that keep a repository. */
    public List<String> repositoryTypes() {
        return config.enabledTypes().stream().filter(SubsetValidator::applies).map(TypeConfig::name).toList();
    }

    /** One repository type's structure and the next {@code operations.validate_subset} of its packs, on every target. */
    public void subset(String type, Consumer<Alert> raise) {
        SubsetResult result = subsets.validate(type, config.operations().validateSubset());
        for (SubsetResult.OnTarget t : result.targets()) {
            if (t.report() != null) {
                metrics.packsRead(type, t.target(), t.report().packsRead(), t.report().coverage());
            }
        }
        metrics.validation(type, result.success());
        if (!result.success()) {
            alerts.failure(Alert.Kind.VALIDATION_FAILED, type, String.join("; ", result.errors()), result.firstAffectedBackup())
                    .ifPresent(raise);
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
