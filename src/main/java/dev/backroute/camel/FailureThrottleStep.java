package dev.backroute.camel;

import dev.backroute.BackrouteExchange;
import dev.backroute.alert.Alert;
import dev.backroute.alert.AlertNotice;
import dev.backroute.alert.AlertThrottle;
import org.apache.camel.Exchange;
import org.apache.camel.InvalidPayloadException;

import java.util.Optional;

/** Route step for {@code direct:alert}, body an {@link Alert}: is a notice of this failure due? */
public final class FailureThrottleStep extends ThrottleStep {

    FailureThrottleStep(AlertThrottle throttle) {
        super(throttle);
    }

    @Override
    Optional<AlertNotice> ask(AlertThrottle throttle, Exchange exchange) throws InvalidPayloadException {
        Alert alert = exchange.getIn().getMandatoryBody(Alert.class);
        // Named before the throttle runs, so a throttle that fails is still logged against this alert.
        exchange.setProperty(BackrouteExchange.ALERT, about(alert));
        return throttle.onFailure(alert);
    }
}
