package dev.backroute.catalog;

import org.quartz.CronExpression;

import java.text.ParseException;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;

/** A type's Quartz cron schedule, in the host's time zone, as the scheduler reads it. */
public final class Schedule {
    private final CronExpression cron;

    public Schedule(String expression) {
        try {
            cron = new CronExpression(expression);
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
     * When a type whose last successful backup started at {@code lastSuccess} is due again: one
     * schedule period later. Never backed up means due now.
     */
    public Instant nextDue(Instant lastSuccess, Instant now) {
        return lastSuccess == null ? now : lastSuccess.plus(periodAfter(lastSuccess));
    }
}
