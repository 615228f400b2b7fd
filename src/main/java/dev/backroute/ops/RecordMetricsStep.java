package dev.backroute.ops;

import dev.backroute.backup.BackupGroup;
import dev.backroute.catalog.BackupManager;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;

/** After a scheduled run: each artifact's outcome into the metrics, and the bytes now kept per target. */
public final class RecordMetricsStep implements Processor {
    private final BackupManager manager;
    private final BackupMetrics metrics;

    public RecordMetricsStep(BackupManager manager, BackupMetrics metrics) {
        this.manager = manager;
        this.metrics = metrics;
    }

    @Override
    public void process(Exchange exchange) {
        BackupGroup group = exchange.getProperty(BackupGroup.PROPERTY, BackupGroup.class);
        group.records().forEach(metrics::backup);
        refreshBytesKept(manager, metrics, group.type().name());
    }

    static void refreshBytesKept(BackupManager manager, BackupMetrics metrics, String type) {
        manager.getBackupStatus(type).bytesPerTarget()
                .forEach((target, bytes) -> metrics.bytesKept(type, target, bytes));
    }
}
