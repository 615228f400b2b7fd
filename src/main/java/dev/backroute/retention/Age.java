package dev.backroute.retention;

import java.time.Duration;
import java.time.Instant;

/**
 * How old a backup is by the clock and how far it lies behind the newest successful backup of its series:
 * the two measures the age rule needs, so that a host that stopped backing up does not age its last
 * backups away.
 */
record Age(Duration byClock, Duration behindNewest) {

    static Age of(Instant startedAt, Instant newestSuccess, Instant now) {
        return new Age(Duration.between(startedAt, now), Duration.between(startedAt, newestSuccess));
    }

    /** Older than {@code limit} both ways; "older than" is strict, so a backup exactly that old stays. */
    boolean olderThan(Duration limit) {
        return byClock.compareTo(limit) > 0 && behindNewest.compareTo(limit) > 0;
    }

    String byClockDays() {
        return days(byClock);
    }

    String behindNewestDays() {
        return days(behindNewest);
    }

    static String days(Duration d) {
        long days = d.toDays();
        if (d.isNegative()) {
            return "0 days";
        }
        return days == 1 ? "1 day" : days + " days";
    }
}
