package dev.backroute.ops;

import dev.backroute.backup.BackupGroup;
import dev.backroute.catalog.BackupManager;
import dev.backroute.config.BackupConfig;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;

import java.time.Clock;

/** After a scheduled run: each artifact's outcome into the metrics, and the bytes now kept per target. */
public final class RecordMetricsStep implements Processor {
    private final BackupConfig config;
    private final BackupMetrics metrics;
    private final Clock clock;

    public RecordMetricsStep(BackupConfig config, BackupMetrics metrics, Clock clock) {
        this.config = config;
        this.metrics = metrics;
        this.clock = clock;
    }

    @Override
    public void process(Exchange exchange) {
        BackupGroup group = exchange.getProperty(BackupGroup.PROPERTY, BackupGroup.class);
        group.records().forEach(metrics::backup);
        refreshBytesKept(config, metrics, clock, group.type().name());
    }

    static void refreshBytesKept(BackupConfig config, BackupMetrics metrics, Clock clock, String type) {
        new BackupManager(config, clock).getBackupStatus(type).bytesPerTarget()
                .forEach((target, bytes) -> metrics.bytesKept(type, target, bytes));
    }
}
