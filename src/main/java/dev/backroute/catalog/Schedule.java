package dev.backroute.catalog;

import dev.backroute.config.Cron;
import org.quartz.CronExpression;

import java.text.ParseException;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;

/**
 * A type's cron schedule (any form the config accepts), in the host's time zone, as the scheduler reads it.
 *
 * <p>Due-ness follows anacron: a type is due when one of its fire times has passed since its last
 * successful backup started. Each fire time counts {@link #TOLERANCE} early, on both sides: a run started
 * up to that long before a fire time stands for that fire (so a cron job whose JVM reached the check a
 * little sooner than yesterday is not skipped), and a check up to that long before a fire time finds the
 * type due (so a host whose clock is a little behind the one that wrote the last manifest is not skipped).
 * Shifting every fire time by the same amount keeps schedules shorter than the tolerance working.
 */
public final class Schedule {
    /** Start-up delay and clock disagreement a run may have and still count as its fire time's run. */
    public static final Duration TOLERANCE = Duration.ofMinutes(5);

    private final CronExpression cron;

    public Schedule(String expression) {
        try {
            cron = new CronExpression(Cron.toQuartz(expression));
        } catch (ParseException e) {
            // The config loader validated the expression already; reaching here is a programming error.
            throw new IllegalArgumentException("invalid cron expression '" + expression + "': " + e.getMessage(), e);
        }
    }

    public Instant nextFireAfter(Instant t) {
        Date next = cron.getNextValidTimeAfter(Date.from(t));
        return next == null ? null : next.toInstant();
    }

    /** The gap between the schedule's next two runs after {@code t}: how often it wants a backup. */
    public Duration periodAfter(Instant t) {
        Instant first = nextFireAfter(t);
        Instant second = first == null ? null : nextFireAfter(first);
        return second == null ? Duration.ofDays(36500) : Duration.between(first, second);
    }

    /**
     * The fire time that makes a type due again after a successful backup that started at
     * {@code lastSuccessStart}: the first one that run does not stand for. Never backed up means due
     * {@code now}. The type is due once {@link #isDue} says so, which is {@link #TOLERANCE} before it.
     */
    public Instant nextDue(Instant lastSuccessStart, Instant now) {
        return lastSuccessStart == null ? now : nextFireAfter(lastSuccessStart.plus(TOLERANCE));
    }

    /** Whether a type whose next due fire time is {@code nextDue} is due at {@code now}. */
    public static boolean isDue(Instant nextDue, Instant now) {
        return !nextDue.minus(TOLERANCE).isAfter(now);
    }
}
