package dev.backroute.camel;

import dev.backroute.ops.OverdueCheck;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;

/** Route step of overdue-check: {@link OverdueCheck}, its alerts recorded for the route to raise. */
public final class OverdueCheckStep implements Processor {
    private final OverdueCheck check;

    OverdueCheckStep(OverdueCheck check) {
        this.check = check;
    }

    @Override
    public void process(Exchange exchange) {
        check.check().forEach(alert -> AlertRecorder.record(exchange, alert));
    }
}
