package dev.backroute.alert;

import java.time.Instant;

/**
 * An alert the throttle let through, with what the throttle knows about the failures before it; the
 * channels build their messages from it.
 *
 * @param alert                  the alert; for a recovery, a {@link Alert.Kind#RECOVERED} one
 * @param reminder               true when earlier alerts of the same type and kind were already sent
 * @param failuresSinceLastAlert for a reminder: the failures since the last alert, this one included;
 *                               for a recovery: every failure since the first alert
 * @param lastAlertAt            for a reminder: when the last alert was sent; otherwise null
 * @param firstFailureAt         for a reminder or a recovery: the first failure of the series; otherwise null
 * @param recoveredKinds         for a recovery: what had failed ("backup FAILED, validation FAILED"); otherwise ""
 */
public record AlertNotice(Alert alert, boolean reminder, int failuresSinceLastAlert, Instant lastAlertAt,
                          Instant firstFailureAt, String recoveredKinds) {

    /** The first alert of a series. */
    public static AlertNotice first(Alert alert) {
        return new AlertNotice(alert, false, 1, null, null, "");
    }
}
