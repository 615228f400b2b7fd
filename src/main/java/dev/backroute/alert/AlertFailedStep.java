package dev.backroute.alert;

import dev.backroute.BackrouteExchange;
import dev.backroute.Errors;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Error handling of the alert routes: one WARN line naming the alert, the channel and why, with the
 * channels' secrets masked. The exception is handled here, so it never reaches the caller.
 */
public final class AlertFailedStep implements Processor {
    private static final Logger LOG = LoggerFactory.getLogger(AlertFailedStep.class);

    private final Redactor redactor;

    public AlertFailedStep(Redactor redactor) {
        this.redactor = redactor;
    }

    /** Errors' one line, plus the root cause when it says more (JavaMail hides TLS and socket errors inside). */
    static String describe(Throwable cause) {
        String what = Errors.describe(cause);
        Throwable root = cause;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        if (root != cause && root.getMessage() != null) {
            String more = root.getMessage().replace('\n', ' ').trim();
            if (!more.isEmpty() && !what.contains(more)) {
                what = what + " (" + more + ")";
            }
        }
        return what;
    }

    @Override
    public void process(Exchange exchange) {
        Throwable cause = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
        String reason = redactor.clean(cause == null ? "unknown error" : describe(cause));
        String channel = exchange.getProperty(BackrouteExchange.ALERT_CHANNEL, "alerts", String.class);
        String alert = exchange.getProperty(BackrouteExchange.ALERT, "alert", String.class);
        exchange.getIn().removeHeader(Exchange.HTTP_URI);
        if ("alerts".equals(channel)) {
            LOG.warn("alert {} could not be processed: {}", alert, reason);
        } else {
            LOG.warn("alert {} not sent by {}: {}", alert, channel, reason);
        }
    }
}
