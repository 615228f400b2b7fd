package dev.backroute.cli;

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

    /** A duration in seconds to a tenth: {@code 41.2 s}. */
    static String seconds(double s) {
        return String.format(Locale.ROOT, "%.1f s", s);
    }
}
