package dev.backroute.cli;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/** Instants as operators read them in text output: to the second, in UTC. JSON output keeps full precision. */
final class Times {
    private static final DateTimeFormatter FORMAT = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'").withZone(ZoneOffset.UTC);

    private Times() {}

    static String human(Instant t) {
        return t == null ? "-" : FORMAT.format(t);
    }
}
