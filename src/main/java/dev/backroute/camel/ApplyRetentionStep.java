package dev.backroute.camel;

import dev.backroute.BackrouteExchange;
import dev.backroute.backup.BackupGroup;
import dev.backroute.ops.ApplyRetention;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;

/** Route step of after-backup: {@link ApplyRetention} to the run's type; a failed cleanup's alert is recorded for raising. */
public final class ApplyRetentionStep implements Processor {
    private final ApplyRetention retention;

    ApplyRetentionStep(ApplyRetention retention) {
        this.retention = retention;
    }

    @Override
    public void process(Exchange exchange) {
        retention.apply(exchange.getProperty(BackrouteExchange.GROUP, BackupGroup.class), alert -> AlertRecorder.record(exchange, alert));
    }
}
