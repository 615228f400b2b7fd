package dev.backroute.camel;

import dev.backroute.BackrouteExchange;
import dev.backroute.backup.BackupGroup;
import dev.backroute.ops.FinishRun;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;

import java.io.IOException;

/** Last step of a type's backup route: {@link FinishRun}; a good run's RECOVERED alert is for after-backup to raise. */
public final class FinishRunStep implements Processor {
    private final FinishRun finish;

    FinishRunStep(FinishRun finish) {
        this.finish = finish;
    }

    @Override
    public void process(Exchange exchange) throws IOException {
        finish.finish(exchange.getProperty(BackrouteExchange.GROUP, BackupGroup.class))
                .ifPresent(alert -> AlertRecorder.record(exchange, alert));
    }
}
