package dev.backroute.camel;

import dev.backroute.alert.AlertNotice;
import dev.backroute.alert.AlertThrottle;
import org.apache.camel.Exchange;
import org.apache.camel.InvalidPayloadException;

import java.util.Optional;

/** Route step for {@code direct:backup-succeeded}, body the type's name: is a RECOVERED notice due? */
public final class RecoveryThrottleStep extends ThrottleStep {

    RecoveryThrottleStep(AlertThrottle throttle) {
        super(throttle);
    }

    @Override
    Optional<AlertNotice> ask(AlertThrottle throttle, Exchange exchange) throws InvalidPayloadException {
        return throttle.onSuccess(exchange.getIn().getMandatoryBody(String.class).trim());
    }
}
