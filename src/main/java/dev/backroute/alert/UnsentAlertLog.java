package dev.backroute.alert;

import dev.backroute.Errors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the alert routes do with an alert they could not process or send: one WARN line naming the alert,
 * the channel and why, with the channels' secrets masked. Nothing is thrown: an alert never fails its caller.
 */
public final class UnsentAlertLog {
    private static final Logger LOG = LoggerFactory.getLogger(UnsentAlertLog.class);

    private final Redactor redactor;

    public UnsentAlertLog(Redactor redactor) {
        this.redactor = redactor;
    }

    /**
     * @param alert   what the alert is about ({@code BACKUP_FAILED for data_files})
     * @param channel the channel that failed ({@code email}, {@code slack}), or null when none was chosen yet
     * @param cause   what went wrong, or null when unknown
     */
    public void warn(String alert, String channel, Throwable cause) {
        String reason = redactor.clean(cause == null ? "unknown error" : describe(cause));
        if (channel == null) {
            LOG.warn("alert {} could not be processed: {}", alert, reason);
        } else {
            LOG.warn("alert {} not sent by {}: {}", alert, channel, reason);
        }
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
}
