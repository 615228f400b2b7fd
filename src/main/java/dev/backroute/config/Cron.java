package dev.backroute.config;

import org.quartz.CronExpression;

import java.text.ParseException;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Locale;
import java.util.TreeSet;

/**
 * The schedules the config accepts: Quartz cron (6 or 7 fields, seconds first) and standard 5-field
 * crontab. The config keeps the operator's text for display; everything that hands a schedule to Quartz
 * goes through {@link #toQuartz}, the one place that translates.
 */
public final class Cron {
    private static final List<String> DAYS = List.of("SUN", "MON", "TUE", "WED", "THU", "FRI", "SAT");
    /** A little over a year, so that a yearly schedule survives a leap year and a daylight-saving shift. */
    private static final Duration MAX_GAP = Duration.ofDays(367);
    /** Two leap cycles: a schedule that fires less than once a year shows a long gap within this span. */
    private static final Duration CHECKED_SPAN = Duration.ofDays(8 * 366);
    /**
     * Stepping at least this far keeps the check cheap for schedules that fire every second; a gap can
     * hide between steps by at most this much, which does not matter next to a year.
     */
    private static final Duration MIN_STEP = Duration.ofDays(30);

    private Cron() {}

    /**
     * The Quartz form of a schedule the loader accepted: a Quartz expression as given, a crontab one
     * with seconds 0 and its day-of-week in Quartz numbering.
     *
     * @throws IllegalArgumentException when the text is neither (the message says why)
     */
    public static String toQuartz(String expression) {
        String[] f = expression.isBlank() ? new String[0] : expression.trim().split("\\s+");
        if (f.length == 6 || f.length == 7) {
            return String.join(" ", f);
        }
        if (f.length != 5) {
            throw new IllegalArgumentException("must be a crontab expression of 5 fields (minute hour day-of-month month "
                    + "day-of-week) or a Quartz one of 6 or 7 (second minute hour day-of-month month day-of-week [year]), got '"
                    + expression + "' with " + f.length);
        }
        boolean domAny = isAny(f[2]);
        boolean dowAny = isAny(f[4]);
        if (!domAny && !dowAny) {
            // crontab fires when either field matches; Quartz has no such "or".
            throw new IllegalArgumentException("'" + expression + "' restricts both day-of-month and day-of-week, which "
                    + "crontab reads as either one matching and Quartz cannot express; put * in one of them");
        }
        String dom = domAny && !dowAny ? "?" : f[2];
        String dow = dowAny ? "?" : quartzDaysOfWeek(f[4], expression);
        return String.join(" ", "0", f[0], f[1], dom, f[3], dow);
    }

    /**
     * Null when {@code expression} is a schedule the config accepts, else why not: unreadable, or firing
     * less than once a year (never, Feb 29 only, a year field that ends). Judged from now, not a fixed
     * date, so that a Quartz year field that starts in the future is fine and one that has ended is not.
     */
    static String problem(String expression) {
        String quartz;
        try {
            quartz = toQuartz(expression);
        } catch (IllegalArgumentException e) {
            return e.getMessage();
        }
        CronExpression cron;
        try {
            cron = new CronExpression(quartz);
        } catch (ParseException e) {
            String kind = quartz.equals(expression.trim()) ? "Quartz cron expression '" + expression + "'"
                    : "cron expression '" + expression + "' (Quartz '" + quartz + "')";
            return "not a valid " + kind + ": " + e.getMessage();
        }
        return rarity(expression, cron, Instant.now());
    }

    private static String rarity(String expression, CronExpression cron, Instant from) {
        Instant t = from;
        Instant end = from.plus(CHECKED_SPAN);
        while (t.isBefore(end)) {
            Date next = cron.getNextValidTimeAfter(Date.from(t));
            if (next == null) {
                return "'" + expression + "' never fires" + (t.equals(from) ? "" : " after " + t)
                        + "; give a schedule that fires at least once a year";
            }
            if (Duration.between(t, next.toInstant()).compareTo(MAX_GAP) > 0) {
                return "'" + expression + "' fires less than once a year (nothing between " + t + " and " + next.toInstant()
                        + "); give a schedule that fires at least once a year";
            }
            Instant stepped = t.plus(MIN_STEP);
            t = next.toInstant().isAfter(stepped) ? next.toInstant() : stepped;
        }
        return null;
    }

    /** Quartz's "?" is taken for crontab's "*": both leave the day to the other field. */
    private static boolean isAny(String field) {
        return field.equals("*") || field.equals("?");
    }

    /** crontab's day-of-week (0-7, 0 and 7 Sunday, names, ranges, steps) as a Quartz list of day names. */
    private static String quartzDaysOfWeek(String field, String expression) {
        TreeSet<Integer> days = new TreeSet<>();
        for (String part : field.split(",", -1)) {
            String[] rangeAndStep = part.split("/", -1);
            int step = rangeAndStep.length == 2 ? number(rangeAndStep[1], expression) : 1;
            if (rangeAndStep.length > 2 || step < 1) {
                throw badDay(part, expression);
            }
            String range = rangeAndStep[0];
            int first;
            int last;
            if (range.equals("*")) {
                first = 0;
                last = 7;
            } else if (range.contains("-")) {
                String[] ends = range.split("-", -1);
                if (ends.length != 2) {
                    throw badDay(part, expression);
                }
                first = day(ends[0], part, expression);
                last = day(ends[1], part, expression);
            } else {
                first = day(range, part, expression);
                last = rangeAndStep.length == 2 ? 7 : first;
            }
            if (first > last) {
                throw badDay(part, expression);
            }
            for (int d = first; d <= last; d += step) {
                days.add(d % 7);
            }
        }
        return String.join(",", days.stream().map(DAYS::get).toList());
    }

    private static int day(String text, String part, String expression) {
        int byName = DAYS.indexOf(text.toUpperCase(Locale.ROOT));
        if (byName >= 0) {
            return byName;
        }
        int n = number(text, expression);
        if (n < 0 || n > 7) {
            throw badDay(part, expression);
        }
        return n;
    }

    private static int number(String text, String expression) {
        if (!text.matches("\\d{1,2}")) {
            throw badDay(text, expression);
        }
        return Integer.parseInt(text);
    }

    private static IllegalArgumentException badDay(String part, String expression) {
        return new IllegalArgumentException("day-of-week '" + part + "' of '" + expression + "' is not crontab syntax: "
                + "use 0-7 (0 and 7 are Sunday) or SUN-SAT, as single days, ranges, lists or steps");
    }
}
