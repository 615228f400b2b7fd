package dev.backroute.alert;

import org.apache.camel.Exchange;
import org.apache.camel.InvalidPayloadException;

import java.util.Optional;

/** Route step for {@code direct:backup-succeeded}, body the type's name: is a RECOVERED notice due? */
public final class RecoveryThrottleStep extends ThrottleStep {

    public RecoveryThrottleStep(AlertThrottle throttle) {
        super(throttle);
    }

    @Override
    Optional<AlertNotice> ask(AlertThrottle throttle, Exchange exchange) throws InvalidPayloadException {
        return throttle.onSuccess(exchange.getIn().getMandatoryBody(String.class).trim());
    }
}
