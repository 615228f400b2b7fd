package dev.backroute.ops;

import dev.backroute.alert.Alert;
import dev.backroute.catalog.BackupManager;
import dev.backroute.config.BackupConfig;
import dev.backroute.config.TypeConfig;
import dev.backroute.retention.PruneResult;
import dev.backroute.retention.RepositoryPruner;

import java.util.List;
import java.util.function.Consumer;

/**
 * The runtime's scheduled prune: type by type, each enabled repository type on every target, after retention (which
 * runs after each backup) forgot what expired. A failed target raises one alert naming it; the others are still pruned.
 */
public final class PruneRepositories {
    private final BackupConfig config;
    private final RepositoryPruner pruner;
    private final BackupMetrics metrics;
    private final TypeAlerts alerts;
    private final BackupManager manager;

    public PruneRepositories(BackupConfig config, RepositoryPruner pruner, BackupManager manager, BackupMetrics metrics,
            TypeAlerts alerts) {
        this.config = config;
        this.pruner = pruner;
        this.manager = manager;
        this.metrics = metrics;
        this.alerts = alerts;
    }

    /** The enabled types that keep a repository, one pass each. */
    public List<String> types() {
        List<String> repositories = pruner.repositoryTypes();
        return config.enabledTypes().stream().map(TypeConfig::name).filter(repositories::contains).toList();
    }

    public void type(String type, Consumer<Alert> raise) {
        PruneResult result = pruner.prune(type, false);
        metrics.pruneFreed(type, result.bytesFreed());
        RecordMetrics.refreshKept(manager, metrics, type); // the stored bytes and dedup ratio it changed
        String errors = result.targets().stream().filter(t -> t.error() != null).map(PruneResult.OnTarget::error)
                .reduce((a, b) -> a + "; " + b).orElse(null);
        if (errors != null) {
            alerts.failure(Alert.Kind.PRUNE_FAILED, type, errors, null).ifPresent(raise);
        }
    }
}
