package dev.backroute.retention;

import dev.backroute.catalog.BackupCatalog;
import dev.backroute.catalog.BackupRecord;
import dev.backroute.config.DrillConfig;
import dev.backroute.config.KeepRules;
import dev.backroute.config.RepositorySettings;
import dev.backroute.config.StorageFormat;
import dev.backroute.config.TypeConfig;
import dev.backroute.pipeline.Compression;
import org.junit.jupiter.api.Test;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

import static dev.backroute.retention.RetentionPolicyTest.backup;
import static dev.backroute.retention.RetentionPolicyTest.unitSource;
import static org.assertj.core.api.Assertions.assertThat;

/** Retention by restic-style {@code keep_*} rules; the age-only behaviour is {@link RetentionPolicyTest}'s. */
class RetentionPolicyKeepRulesTest {

    static final Duration SKEW = Duration.ofMinutes(10);
    /** The day after a month of daily backups, 2026-11-01 to 2026-11-30 at 02:00 UTC. */
    static final Instant DEC_1 = Instant.parse("2026-12-01T12:00:00Z");
    private static final DateTimeFormatter ID = DateTimeFormatter.ofPattern("'data_files_'yyyyMMdd_HHmmss").withZone(ZoneOffset.UTC);

    @Test
    void aMonthOfDailyBackupsWithKeepDaily3AndKeepWeekly2KeepsTheHandComputedSet() {
        // day         weekday  ISO week  kept because (the same table is in docs/configuration.md)
        // 2026-11-30  Mon      2026-W49  newest successful backup; newest of its day; newest of its week
        // 2026-11-29  Sun      2026-W48  newest of its day; newest of its week (the week before)
        // 2026-11-28  Sat      2026-W48  newest of its day: the third day
        // 2026-11-01 .. 2026-11-27       deleted: both daily and both weekly slots are taken by newer backups
        RetentionPlan plan = RetentionPolicy.plan("data_files", november(), rules(0, 3, 2, 0, 0, 0), 1, DEC_1, SKEW);

        assertThat(reasons(plan.keep())).containsExactly(
                Map.entry("data_files_20261130_020000", "kept: newest successful backup; newest of day 2026-11-30 (keep_daily 3);"
                        + " newest of week 2026-W49 (keep_weekly 2)"),
                Map.entry("data_files_20261129_020000", "kept: newest of day 2026-11-29 (keep_daily 3); newest of week 2026-W48 (keep_weekly 2)"),
                Map.entry("data_files_20261128_020000", "kept: newest of day 2026-11-28 (keep_daily 3)"));
        assertThat(plan.deleteIds()).hasSize(27).first().isEqualTo("data_files_20261127_020000");
        assertThat(plan.deleteIds()).last().isEqualTo("data_files_20261101_020000");
        assertThat(reasons(plan.delete())).containsEntry("data_files_20261127_020000",
                "expired: 4 days old, kept by none of keep_daily 3, keep_weekly 2");
    }

    @Test
    void keepWeekly4OverTheSameMonthKeepsTheNewestBackupOfFourIsoWeeks() {
        RetentionPlan plan = RetentionPolicy.plan("data_files", november(), rules(0, 3, 4, 0, 0, 0), 1, DEC_1, SKEW);

        // Weeks W49 (Monday 30th only), W48, W47 and W46 end on Sundays 29th, 22nd and 15th.
        assertThat(plan.keepIds()).containsExactly(ids("20261130", "20261129", "20261128", "20261122", "20261115"));
        assertThat(reasons(plan.keep())).containsEntry("data_files_20261115_020000", "kept: newest of week 2026-W46 (keep_weekly 4)");
    }

    @Test
    void keepLastCountsSuccessfulBackupsOnlyAndKeepDailyTheNewestOfADay() {
        List<BackupRecord> backups = List.of(at("2026-11-30T14:00:00Z", false), at("2026-11-30T02:00:00Z", true),
                at("2026-11-29T14:00:00Z", true), at("2026-11-29T02:00:00Z", true), at("2026-11-28T02:00:00Z", true));

        RetentionPlan last = RetentionPolicy.plan("data_files", backups, rules(3, 0, 0, 0, 0, 0), 1, DEC_1, SKEW);
        assertThat(last.keepIds()).containsExactly("data_files_20261130_140000", "data_files_20261130_020000",
                "data_files_20261129_140000", "data_files_20261129_020000");
        assertThat(reasons(last.keep())).containsEntry("data_files_20261129_020000", "kept: one of the 3 newest (keep_last 3)");
        assertThat(last.deleteIds()).containsExactly("data_files_20261128_020000");

        RetentionPlan daily = RetentionPolicy.plan("data_files", backups, rules(0, 2, 0, 0, 0, 0), 1, DEC_1, SKEW);
        assertThat(daily.deleteIds()).as("the day's older backup, and the third day")
                .containsExactly("data_files_20261129_020000", "data_files_20261128_020000");
    }

    @Test
    void monthlyAndYearlyRulesOverAMultiYearSeries() {
        List<BackupRecord> backups = new ArrayList<>();
        for (LocalDate month = LocalDate.of(2023, 1, 1); !month.isAfter(LocalDate.of(2026, 11, 1)); month = month.plusMonths(1)) {
            backups.add(at(month + "T02:00:00Z", true));
            backups.add(at(month.withDayOfMonth(15) + "T02:00:00Z", true));
        }
        backups.sort(BackupCatalog.NEWEST_FIRST);

        RetentionPlan plan = RetentionPolicy.plan("data_files", backups, rules(0, 0, 0, 6, 3, 0), 1, Instant.parse("2026-11-20T00:00:00Z"), SKEW);

        assertThat(plan.keepIds()).containsExactly(ids("20261115", "20261015", "20260915", "20260815", "20260715", "20260615",
                "20251215", "20241215"));
        Map<String, String> reasons = reasons(plan.keep());
        assertThat(reasons).containsEntry("data_files_20261115_020000",
                "kept: newest successful backup; newest of month 2026-11 (keep_monthly 6); newest of year 2026 (keep_yearly 3)");
        assertThat(reasons).containsEntry("data_files_20251215_020000", "kept: newest of year 2025 (keep_yearly 3)");
        assertThat(plan.deleteIds()).hasSize(backups.size() - 8);
    }

    @Test
    void eachDatabaseOfAPostgresqlTypeFillsItsOwnBuckets() {
        // movies is dumped every day; users failed from the 26th on, so its two newest days are the 25th and 24th.
        List<BackupRecord> backups = new ArrayList<>();
        for (int day = 20; day <= 30; day++) {
            Instant started = Instant.parse("2026-11-" + day + "T02:00:00Z");
            backups.add(backup("postgresql_movies_" + day, "run_" + day, started, true, unitSource("movies")));
            backups.add(backup("postgresql_users_" + day, "run_" + day, started.plusSeconds(60), day <= 25, unitSource("users")));
        }
        backups.sort(BackupCatalog.NEWEST_FIRST);

        RetentionPlan plan = RetentionPolicy.plan("postgresql", backups, rules(0, 2, 0, 0, 0, 0), 1, DEC_1, SKEW);

        assertThat(plan.keepIds()).containsExactlyInAnyOrder("postgresql_movies_30", "postgresql_movies_29",
                "postgresql_users_25", "postgresql_users_24",
                // users' failures since its last success
                "postgresql_users_30", "postgresql_users_29", "postgresql_users_28", "postgresql_users_27", "postgresql_users_26");
        assertThat(reasons(plan.keep())).containsEntry("postgresql_users_24", "kept: newest of day 2026-11-24 for users (keep_daily 2)")
                .containsEntry("postgresql_users_25", "kept: newest successful backup of users; newest of day 2026-11-25 for users (keep_daily 2)");
    }

    @Test
    void minKeepAndTheNewestSuccessKeepWhatTheBucketsAlreadyCountedAndNameThemselves() {
        RetentionPlan plan = RetentionPolicy.plan("data_files", november(), rules(0, 0, 0, 0, 1, 0), 3, DEC_1, SKEW);

        assertThat(reasons(plan.keep())).containsExactly(
                Map.entry("data_files_20261130_020000", "kept: newest successful backup; newest of year 2026 (keep_yearly 1)"),
                Map.entry("data_files_20261129_020000", "kept: one of the 3 newest successful backups (min_keep 3)"),
                Map.entry("data_files_20261128_020000", "kept: one of the 3 newest successful backups (min_keep 3)"));
        assertThat(reasons(plan.delete())).containsEntry("data_files_20261127_020000",
                "expired: 4 days old, kept by none of keep_yearly 1, min_keep 3");
    }

    @Test
    void failedRunsAreNeverCountedAndGoOnceOlderThanTheNewestSuccess() {
        List<BackupRecord> backups = List.of(at("2026-11-30T02:00:00Z", false), at("2026-11-29T02:00:00Z", false),
                at("2026-11-28T02:00:00Z", true), at("2026-11-27T02:00:00Z", false), at("2026-11-26T02:00:00Z", true),
                at("2026-11-20T02:00:00Z", false), at("2026-11-10T02:00:00Z", true));

        RetentionPlan plan = RetentionPolicy.plan("data_files", backups, rules(2, 0, 0, 0, 0, 0), 1, DEC_1, SKEW);

        assertThat(plan.keepIds()).containsExactly(ids("20261130", "20261129", "20261128", "20261126"));
        assertThat(reasons(plan.keep())).containsEntry("data_files_20261130_020000", "kept: failed run, not older than the newest"
                + " successful backup (started 2026-11-28T02:00:00Z), so it documents the failures since");
        assertThat(reasons(plan.delete())).containsExactly(
                Map.entry("data_files_20261127_020000", "failed run expired: older than the newest successful backup"
                        + " (started 2026-11-28T02:00:00Z), and keep rules count successful backups only"),
                Map.entry("data_files_20261120_020000", "failed run expired: older than the newest successful backup"
                        + " (started 2026-11-28T02:00:00Z), and keep rules count successful backups only"),
                Map.entry("data_files_20261110_020000", "expired: 21 days old, kept by none of keep_last 2"));
    }

    @Test
    void failedRunsOfATypeThatNeverSucceededAreKept() {
        List<BackupRecord> backups = List.of(at("2026-11-30T02:00:00Z", false), at("2025-01-01T02:00:00Z", false));
        RetentionPlan plan = RetentionPolicy.plan("data_files", backups, rules(1, 0, 0, 0, 0, 0), 1, DEC_1, SKEW);

        assertThat(plan.deleteIds()).isEmpty();
        assertThat(reasons(plan.keep())).containsEntry("data_files_20250101_020000",
                "kept: failed run 699 days old, but there is no successful backup of data_files to measure its age from");
    }

    @Test
    void anExplicitRetentionDaysAlsoKeepsWhatIsWithinItByTheClockOrOfTheNewestSuccess() {
        RetentionPlan plan = RetentionPolicy.plan("data_files", november(), rules(1, 0, 0, 0, 0, 5), 1, DEC_1, SKEW);
        // 2026-11-26 and 25 are more than 5 days old by the clock, but not more than 5 days older than the newest success.
        assertThat(plan.keepIds()).containsExactly(ids("20261130", "20261129", "20261128", "20261127", "20261126", "20261125"));
        assertThat(reasons(plan.keep())).containsEntry("data_files_20261127_020000", "kept: 4 days old, within retention_days 5")
                .containsEntry("data_files_20261125_020000", "kept: within 5 days of the newest successful backup (retention_days 5)");
        assertThat(reasons(plan.delete())).containsEntry("data_files_20261124_020000",
                "expired: 7 days old, kept by none of keep_last 1, retention_days 5");

        // A host that stopped backing up after November keeps the 5 days before its last success.
        RetentionPlan stopped = RetentionPolicy.plan("data_files", november(), rules(1, 0, 0, 0, 0, 5), 1,
                Instant.parse("2027-06-01T00:00:00Z"), SKEW);
        assertThat(stopped.keepIds()).isEqualTo(plan.keepIds());
        assertThat(reasons(stopped.keep())).containsEntry("data_files_20261126_020000",
                "kept: within 5 days of the newest successful backup (retention_days 5)");
    }

    @Test
    void aTypesDefaultRetentionDaysDoesNotKeepWhatTheKeepRulesLetGo() {
        TypeConfig type = new TypeConfig("data_files", "files", true, "0 0 1 * * ?", 30, 1, Compression.GZIP, 6, false, List.of("local"),
                null, 1, StorageFormat.ARCHIVE, RepositorySettings.DEFAULT, rules(0, 3, 0, 0, 0, 0),
                new DrillConfig(true, false, null));

        RetentionPlan plan = RetentionPolicy.plan(november(), type, DEC_1, SKEW);

        assertThat(plan.keepIds()).containsExactly(ids("20261130", "20261129", "20261128"));
    }

    @Test
    void aBackupDatedBeyondTheClockSkewIsKeptAndTakesNoBucket() {
        List<BackupRecord> backups = new ArrayList<>(november());
        backups.add(0, at("2029-11-30T02:00:00Z", true));

        RetentionPlan plan = RetentionPolicy.plan("data_files", backups, rules(1, 0, 0, 0, 1, 0), 1, DEC_1, SKEW);

        assertThat(plan.keepIds()).containsExactly("data_files_20291130_020000", "data_files_20261130_020000");
        assertThat(reasons(plan.keep())).containsEntry("data_files_20261130_020000",
                "kept: newest successful backup; one of the 1 newest (keep_last 1); newest of year 2026 (keep_yearly 1)");
        assertThat(reasons(plan.keep()).get("data_files_20291130_020000")).contains("beyond the allowed clock skew of 10 minutes");
    }

    @Test
    void noRandomHistoryLosesTheNewestSuccessMinKeepOrAFutureDatedBackup() {
        Random random = new Random(7);
        for (int round = 0; round < 1000; round++) {
            KeepRules keep = rules(random.nextInt(3), random.nextInt(4), random.nextInt(3), random.nextInt(3), random.nextInt(2) + 1,
                    random.nextInt(3) == 0 ? 1 + random.nextInt(20) : 0);
            int minKeep = 1 + random.nextInt(3);
            List<BackupRecord> backups = new ArrayList<>();
            for (int i = 0; i < random.nextInt(15); i++) {
                Instant started = DEC_1.minus(Duration.ofHours(random.nextInt(24 * 800) - 24));
                backups.add(backup("data_files_b" + i, "data_files_b" + i, started, random.nextInt(4) > 0, Map.of()));
            }
            backups.sort(BackupCatalog.NEWEST_FIRST);

            RetentionPlan plan = RetentionPolicy.plan("data_files", backups, keep, minKeep, DEC_1, SKEW);

            List<BackupRecord> credible = backups.stream().filter(b -> !b.startedAt().isAfter(DEC_1.plus(SKEW))).toList();
            Set<String> mustStay = credible.stream().filter(BackupRecord::success).limit(minKeep).map(BackupRecord::id)
                    .collect(Collectors.toSet());
            backups.stream().filter(b -> b.startedAt().isAfter(DEC_1.plus(SKEW))).forEach(b -> mustStay.add(b.id()));
            assertThat(plan.deleteIds()).as(keep + " min_keep " + minKeep).filteredOn(mustStay::contains).isEmpty();
            assertThat(plan.delete().size() + plan.keep().size()).isEqualTo(backups.size());
            assertThat(plan.keep()).allSatisfy(d -> assertThat(d.reason()).startsWith("kept: "));
        }
    }

    @Test
    void onRandomHistoriesEachRuleKeepsTheNewestBackupOfItsNNewestPeriods() {
        Random random = new Random(11);
        for (int round = 0; round < 500; round++) {
            KeepRules keep = rules(random.nextInt(3), random.nextInt(5), random.nextInt(4), random.nextInt(4), 1 + random.nextInt(2), 0);
            List<BackupRecord> backups = new ArrayList<>();
            for (int i = 0; i < 1 + random.nextInt(25); i++) {
                Instant started = DEC_1.minus(Duration.ofMinutes(random.nextInt(60 * 24 * 900)));
                backups.add(backup("data_files_b" + i, "data_files_b" + i, started, true, Map.of()));
            }
            backups.sort(BackupCatalog.NEWEST_FIRST);

            // The newest success, and per rule the first backup of each of its first n periods (newest first).
            Set<String> expected = new HashSet<>(Set.of(backups.get(0).id()));
            expected.addAll(newestOfPeriods(backups, keep.last(), BackupRecord::id));
            expected.addAll(newestOfPeriods(backups, keep.daily(), b -> b.startedAt().atZone(ZoneOffset.UTC).toLocalDate()));
            expected.addAll(newestOfPeriods(backups, keep.weekly(), b -> b.startedAt().atZone(ZoneOffset.UTC).toLocalDate()
                    .with(DayOfWeek.MONDAY)));
            expected.addAll(newestOfPeriods(backups, keep.monthly(), b -> YearMonth.from(b.startedAt().atZone(ZoneOffset.UTC))));
            expected.addAll(newestOfPeriods(backups, keep.yearly(), b -> b.startedAt().atZone(ZoneOffset.UTC).getYear()));

            RetentionPlan plan = RetentionPolicy.plan("data_files", backups, keep, 1, DEC_1, SKEW);
            assertThat(plan.keepIds()).as(keep.toString()).containsExactlyInAnyOrderElementsOf(expected);
        }
    }

    private static List<String> newestOfPeriods(List<BackupRecord> newestFirst, int n, Function<BackupRecord, Object> period) {
        Map<Object, String> newestOfEach = new LinkedHashMap<>();
        newestFirst.forEach(b -> newestOfEach.putIfAbsent(period.apply(b), b.id()));
        return newestOfEach.values().stream().limit(n).toList();
    }

    private static KeepRules rules(int last, int daily, int weekly, int monthly, int yearly, int withinDays) {
        return new KeepRules(last, daily, weekly, monthly, yearly, withinDays);
    }

    /** One successful backup a day, 2026-11-01 to 2026-11-30 at 02:00 UTC, newest first. */
    private static List<BackupRecord> november() {
        List<BackupRecord> out = new ArrayList<>();
        for (int day = 30; day >= 1; day--) {
            out.add(at(String.format("2026-11-%02dT02:00:00Z", day), true));
        }
        return out;
    }

    private static BackupRecord at(String started, boolean success) {
        Instant instant = Instant.parse(started);
        String id = ID.format(instant);
        return backup(id, id, instant, success, Map.of());
    }

    /** Ids of the 02:00 backups of these days ({@code yyyyMMdd}). */
    private static String[] ids(String... days) {
        return Arrays.stream(days).map(d -> "data_files_" + d + "_020000").toArray(String[]::new);
    }

    private static Map<String, String> reasons(List<RetentionPlan.Decision> decisions) {
        Map<String, String> out = new LinkedHashMap<>();
        decisions.forEach(d -> out.put(d.id(), d.reason()));
        return out;
    }
}
