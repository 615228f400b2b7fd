package dev.backroute.retention;

import dev.backroute.catalog.BackupRecord;
import dev.backroute.config.KeepRules;

import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.temporal.IsoFields;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import java.util.function.ToIntFunction;

/**
 * restic's {@code forget --keep-*} buckets over one series' successful backups. Each rule walks them newest
 * first and keeps the newest backup of each period it has not seen yet, until it has kept as many as its
 * count: {@code keep_daily 3} keeps the newest backup of each of the last 3 days that have one, however far
 * apart those days are. {@code keep_last} treats every backup as its own period. Periods are UTC calendar
 * days, ISO weeks, months and years, so the result does not depend on the host's time zone.
 * Unlike restic, a rule with periods left over does not also keep the oldest backup.
 */
final class KeepBuckets {

    private enum Period {
        LAST("keep_last", KeepRules::last, BackupRecord::id),
        DAY("keep_daily", KeepRules::daily, r -> "day " + utc(r).toLocalDate()),
        WEEK("keep_weekly", KeepRules::weekly, r -> String.format(Locale.ROOT, "week %d-W%02d",
                utc(r).get(IsoFields.WEEK_BASED_YEAR), utc(r).get(IsoFields.WEEK_OF_WEEK_BASED_YEAR))),
        MONTH("keep_monthly", KeepRules::monthly, r -> String.format(Locale.ROOT, "month %d-%02d", utc(r).getYear(), utc(r).getMonthValue())),
        YEAR("keep_yearly", KeepRules::yearly, r -> "year " + utc(r).getYear());

        final String key;
        final ToIntFunction<KeepRules> count;
        final Function<BackupRecord, String> period;

        Period(String key, ToIntFunction<KeepRules> count, Function<BackupRecord, String> period) {
            this.key = key;
            this.count = count;
            this.period = period;
        }

        String clause(String period, int count, String series) {
            String whose = series.isEmpty() ? "" : " for " + series;
            String what = this == LAST ? "one of the " + count + " newest" : "newest of " + period;
            return what + whose + " (" + key + " " + count + ")";
        }
    }

    private KeepBuckets() {}

    /**
     * @param successes the series' successful backups, dated and credible, newest first
     * @param series    the unit they belong to, "" for a type that is one series
     * @return for each backup a rule keeps, one clause per rule that keeps it, in rule order
     */
    static Map<BackupRecord, List<String>> kept(List<BackupRecord> successes, KeepRules rules, String series) {
        Map<BackupRecord, List<String>> kept = new IdentityHashMap<>();
        for (Period p : Period.values()) {
            int count = p.count.applyAsInt(rules);
            int left = count;
            String previous = null;
            for (BackupRecord r : successes) {
                if (left == 0) {
                    break;
                }
                String period = p.period.apply(r);
                if (!Objects.equals(period, previous)) {
                    kept.computeIfAbsent(r, k -> new ArrayList<>()).add(p.clause(period, count, series));
                    previous = period;
                    left--;
                }
            }
        }
        return kept;
    }

    /** Every rule and its count, as cleanup names them when none keeps a backup. */
    static String describe(KeepRules rules) {
        List<String> set = new ArrayList<>();
        for (Period p : Period.values()) {
            int count = p.count.applyAsInt(rules);
            if (count > 0) {
                set.add(p.key + " " + count);
            }
        }
        return String.join(", ", set);
    }

    private static ZonedDateTime utc(BackupRecord r) {
        return r.startedAt().atZone(ZoneOffset.UTC);
    }
}
