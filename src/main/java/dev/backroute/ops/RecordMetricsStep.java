package dev.backroute.ops;

import dev.backroute.BackrouteExchange;
import dev.backroute.Errors;
import dev.backroute.backup.BackupGroup;
import dev.backroute.catalog.BackupManager;
import dev.backroute.config.BackupConfig;
import dev.backroute.config.TypeConfig;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** After a scheduled run: each artifact's outcome into the metrics, and what the type now keeps. */
public final class RecordMetricsStep implements Processor {
    private static final Logger LOG = LoggerFactory.getLogger(RecordMetricsStep.class);

    private final BackupConfig config;
    private final BackupManager manager;
    private final BackupMetrics metrics;

    public RecordMetricsStep(BackupConfig config, BackupManager manager, BackupMetrics metrics) {
        this.config = config;
        this.manager = manager;
        this.metrics = metrics;
    }

    @Override
    public void process(Exchange exchange) {
        BackupGroup group = exchange.getProperty(BackrouteExchange.GROUP, BackupGroup.class);
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
        metrics.kept(manager.getBackupStatus(type));
    }
}
