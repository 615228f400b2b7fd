package dev.backroute.camel;

import dev.backroute.BackrouteExchange;
import dev.backroute.alert.Alert;
import dev.backroute.alert.AlertNotice;
import dev.backroute.alert.AlertThrottle;
import org.apache.camel.Exchange;
import org.apache.camel.InvalidPayloadException;
import org.apache.camel.Processor;

import java.util.Optional;

/**
 * Route step that asks the {@link AlertThrottle} about the alert in the body, puts the notice to send in
 * the body, and sets {@link BackrouteExchange#ALERT_DUE} to tell the route whether to send it.
 */
public abstract sealed class ThrottleStep implements Processor permits FailureThrottleStep, RecoveryThrottleStep {
    private final AlertThrottle throttle;

    ThrottleStep(AlertThrottle throttle) {
        this.throttle = throttle;
    }

    /** The throttle's answer for the exchange's body: a notice when one is due. */
    abstract Optional<AlertNotice> ask(AlertThrottle throttle, Exchange exchange) throws InvalidPayloadException;

    @Override
    public final void process(Exchange exchange) throws InvalidPayloadException {
        Optional<AlertNotice> notice = ask(throttle, exchange);
        exchange.setProperty(BackrouteExchange.ALERT_DUE, notice.isPresent());
        notice.ifPresent(n -> {
            exchange.setProperty(BackrouteExchange.ALERT, about(n.alert()));
            exchange.getIn().setBody(n);
        });
    }

    /** What an alert is about, for the log line when it cannot be sent. */
    static String about(Alert alert) {
        return alert.kind() + " for " + alert.type();
    }
}
