package dev.backroute.camel;

import dev.backroute.BackrouteExchange;
import dev.backroute.alert.UnsentAlertLog;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;

/**
 * Error handling of the alert routes ({@code alert-errors}): {@link UnsentAlertLog} of the exception caught,
 * which is handled here, so it never reaches the caller; the webhook URL leaves the message with it.
 */
public final class AlertFailedStep implements Processor {
    private final UnsentAlertLog log;

    AlertFailedStep(UnsentAlertLog log) {
        this.log = log;
    }

    @Override
    public void process(Exchange exchange) {
        exchange.getIn().removeHeader(Exchange.HTTP_URI);
        log.warn(exchange.getProperty(BackrouteExchange.ALERT, "alert", String.class),
                exchange.getProperty(BackrouteExchange.ALERT_CHANNEL, String.class),
                exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class));
    }
}
