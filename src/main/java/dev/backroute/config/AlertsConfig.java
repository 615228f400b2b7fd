package dev.backroute.config;

/**
 * @param throttleMinutes how long repeated failures of one type and kind stay quiet after an alert, before a
 *                        reminder is sent ({@code alerts.throttle_minutes}, default 240)
 */
public record AlertsConfig(EmailAlert email, SlackAlert slack, int throttleMinutes) {
    public static final int DEFAULT_THROTTLE_MINUTES = 240;
}
