package dev.backroute.cli;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/** Instants as operators read them in text output: to the second, in UTC. JSON output keeps full precision. */
final class Times {
    private static final DateTimeFormatter FORMAT = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'").withZone(ZoneOffset.UTC);

    private Times() {}

    static String human(Instant t) {
        return t == null ? "-" : FORMAT.format(t);
    }

    /**
     * How long ago {@code then} was at {@code now}, as one number: {@code 7 s ago} for a member that checks in, up to
     * {@code 3 d ago} for one gone long since. Both come from one clock (the cluster database's), never this host's.
     */
    static String ago(Instant then, Instant now) {
        long s = Math.max(0, Duration.between(then, now).toSeconds());
        if (s < 120) {
            return s + " s ago";
        }
        return s < 7_200 ? s / 60 + " min ago" : s < 172_800 ? s / 3_600 + " h ago" : s / 86_400 + " d ago";
    }

    /** A duration in seconds to a tenth: {@code 41.2 s}. */
    static String seconds(double s) {
        return String.format(Locale.ROOT, "%.1f s", s);
    }
}
