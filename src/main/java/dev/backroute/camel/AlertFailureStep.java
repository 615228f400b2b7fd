package dev.backroute.camel;

import dev.backroute.BackrouteExchange;
import dev.backroute.ops.AlertFailure;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;

/** Error path of the backup routes ({@code backup-errors}), after {@code recordFailureStep}: {@link AlertFailure} of the exception caught. */
public final class AlertFailureStep implements Processor {
    private final AlertFailure failure;

    AlertFailureStep(AlertFailure failure) {
        this.failure = failure;
    }

    @Override
    public void process(Exchange exchange) {
        failure.alert(exchange.getProperty(BackrouteExchange.TYPE, String.class), RunStep.run(exchange),
                        exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class))
                .ifPresent(alert -> AlertRecorder.record(exchange, alert));
    }
}
