package dev.backroute.camel;

import dev.backroute.BackrouteExchange;
import dev.backroute.backup.RecordFailure;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;

/** Error path of the backup routes ({@code backup-errors}): {@link RecordFailure} of the exception caught. */
public final class RecordFailureStep implements Processor {
    private final RecordFailure record;

    RecordFailureStep(RecordFailure record) {
        this.record = record;
    }

    @Override
    public void process(Exchange exchange) {
        record.record(exchange.getProperty(BackrouteExchange.TYPE, String.class), RunStep.run(exchange),
                exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class));
    }
}
