package dev.backroute.ops;

import dev.backroute.Errors;
import dev.backroute.backup.BackupGroup;
import dev.backroute.catalog.BackupManager;
import dev.backroute.catalog.BackupStatus;
import dev.backroute.config.BackupConfig;
import dev.backroute.config.TypeConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** After a run: each artifact's outcome into the metrics, and what the type now keeps and how much that takes. */
public final class RecordMetrics {
    private static final Logger LOG = LoggerFactory.getLogger(RecordMetrics.class);

    private final BackupConfig config;
    private final BackupManager manager;
    private final BackupMetrics metrics;

    public RecordMetrics(BackupConfig config, BackupManager manager, BackupMetrics metrics) {
        this.config = config;
        this.manager = manager;
        this.metrics = metrics;
    }

    public void record(BackupGroup group) {
        group.records().forEach(metrics::backup);
        refreshKept(manager, metrics, group.type().name());
    }

    /**
     * At start: what every enabled type keeps, from its manifests. A type whose storage cannot be read now
     * is left out with a warning rather than stopping the runtime; its figures come with its next run.
     */
    public void recordCatalog() {
        for (TypeConfig type : config.enabledTypes()) {
            try {
                refreshKept(manager, metrics, type.name());
            } catch (RuntimeException e) {
                LOG.warn("metrics of {} not read from its storage at start: {}; they appear after its next backup",
                        type.name(), Errors.describe(e));
            }
        }
    }

    static void refreshKept(BackupManager manager, BackupMetrics metrics, String type) {
        BackupStatus status = manager.getBackupStatus(type);
        metrics.kept(status);
        metrics.sizes(type, manager.getTypeSizes(status));
    }
}
