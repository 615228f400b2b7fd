package dev.backroute.alert;

import dev.backroute.camel.BackrouteExchange;
import org.apache.camel.Exchange;
import org.apache.camel.InvalidPayloadException;
import org.apache.camel.Processor;

import java.util.Optional;

/**
 * Route step for {@code direct:alert} (body: an {@link Alert}) and {@code direct:backup-succeeded} (body:
 * the type's name): asks the {@link AlertThrottle}, puts the notice to send in the body, and sets
 * {@link #DUE} to tell the route whether to send it.
 */
public final class ThrottleStep implements Processor {
    /** Exchange property: true when the body holds an {@link AlertNotice} to send. */
    public static final String DUE = "backrouteAlertDue";

    private final AlertThrottle throttle;
    private final boolean onSuccess;

    private ThrottleStep(AlertThrottle throttle, boolean onSuccess) {
        this.throttle = throttle;
        this.onSuccess = onSuccess;
    }

    /** For failures: body an {@link Alert}. */
    public static ThrottleStep failures(AlertThrottle throttle) {
        return new ThrottleStep(throttle, false);
    }

    /** For successes: body the type's name. */
    public static ThrottleStep successes(AlertThrottle throttle) {
        return new ThrottleStep(throttle, true);
    }

    @Override
    public void process(Exchange exchange) throws InvalidPayloadException {
        Optional<AlertNotice> notice;
        if (onSuccess) {
            String type = exchange.getIn().getMandatoryBody(String.class).trim();
            notice = throttle.onSuccess(type);
        } else {
            Alert alert = exchange.getIn().getMandatoryBody(Alert.class);
            exchange.setProperty(BackrouteExchange.ALERT, alert.kind() + " for " + alert.type());
            notice = throttle.onFailure(alert);
        }
        exchange.setProperty(DUE, notice.isPresent());
        notice.ifPresent(n -> {
            exchange.setProperty(BackrouteExchange.ALERT, n.alert().kind() + " for " + n.alert().type());
            exchange.getIn().setBody(n);
        });
    }
}
