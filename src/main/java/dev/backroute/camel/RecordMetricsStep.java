package dev.backroute.camel;

import dev.backroute.BackrouteExchange;
import dev.backroute.backup.BackupGroup;
import dev.backroute.ops.RecordMetrics;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;

/** Route step of after-backup: {@link RecordMetrics} of the run in {@link BackrouteExchange#GROUP}. */
public final class RecordMetricsStep implements Processor {
    private final RecordMetrics metrics;

    RecordMetricsStep(RecordMetrics metrics) {
        this.metrics = metrics;
    }

    @Override
    public void process(Exchange exchange) {
        metrics.record(exchange.getProperty(BackrouteExchange.GROUP, BackupGroup.class));
    }
}
