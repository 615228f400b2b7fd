package dev.backroute.retention;

import dev.backroute.catalog.BackupRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

class RetentionPolicyTest {

    static final Instant NOW = Instant.parse("2026-06-01T12:00:00Z");
    static final Duration SKEW = Duration.ofMinutes(10);

    /**
     * Backups are written {@code ok<days>} (successful, started that many days ago) or {@code fail<days>}
     * (a failed run's manifest), newest first; the last column is what the plan deletes.
     */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', nullValues = "-", textBlock = """
            # behaviour                                                       | retention_days | min_keep | backups, newest first            | deleted
            expired but the last good one is kept                              | 30 | 1 | ok45                              | -
            expired but the newest successful one is kept, older ones go       | 30 | 1 | ok1 ok45 ok50                     | ok45 ok50
            expired beyond min_keep is deleted                                 | 30 | 1 | ok0 ok10 ok31 ok90                | ok31 ok90
            min_keep 3 keeps 3 even when expired                               | 30 | 3 | ok1 ok40 ok50 ok60                | ok60
            min_keep 3 keeps all 3 when only 3 exist, all expired              | 30 | 3 | ok100 ok140 ok150                 | -
            min_keep larger than the number of backups keeps everything        | 30 | 5 | ok1 ok40 ok400                    | -
            stopped host keeps the 30 days before its newest success           | 30 | 1 | ok200 ok210 ok229 ok231 ok260      | ok231 ok260
            stopped host with min_keep 2 keeps two however old                 | 30 | 2 | ok200 ok300 ok400                 | ok400
            failed-run manifests are pruned by the same age rule               | 30 | 1 | ok1 fail20 fail45 ok46            | fail45 ok46
            failed runs after the last success do not age it away              | 30 | 1 | fail1 fail100 ok200 fail215 fail240 | fail240
            a failed newest backup is not the newest successful one            | 30 | 1 | fail1 ok45 ok50                   | -
            a failed newest backup does not protect an expired older success   | 30 | 1 | fail1 ok45 ok80                   | ok80
            with no successful backup at all failed manifests are kept         | 30 | 1 | fail40 fail50 fail400             | -
            nothing younger than retention is deleted                          | 30 | 1 | ok0 fail5 ok10 ok29 fail29        | -
            exactly retention_days old is not older than retention             | 30 | 1 | ok0 ok30                          | -
            a day past retention is deleted                                    | 7  | 1 | ok0 ok6 ok8 fail8                 | ok8 fail8
            """)
    void table(String behaviour, int retentionDays, int minKeep, String backups, String deleted) {
        Map<String, BackupRecord> records = records(backups);
        RetentionPlan plan = RetentionPolicy.plan("data_files", List.copyOf(records.values()), retentionDays, minKeep, NOW, SKEW);

        List<String> expected = deleted == null ? List.of() : Arrays.asList(deleted.trim().split("\\s+"));
        assertThat(plan.deleteIds()).as(behaviour).containsExactlyElementsOf(expected.stream().map(RetentionPolicyTest::id).toList());
        assertThat(plan.delete().size() + plan.keep().size()).as("every backup decided once").isEqualTo(records.size());
        assertThat(plan.keep()).allSatisfy(d -> assertThat(d.reason()).startsWith("kept: "));
    }

    @Test
    void reasonsSayHowOldAndWhichRuleDecided() {
        RetentionPlan plan = RetentionPolicy.plan("data_files", List.copyOf(records("ok1 ok10 ok45 fail60 ok500").values()), 30, 2, NOW, SKEW);
        Map<String, String> reasons = new LinkedHashMap<>();
        plan.delete().forEach(d -> reasons.put(d.id(), d.reason()));
        plan.keep().forEach(d -> reasons.put(d.id(), d.reason()));

        assertThat(reasons.get(id("ok1"))).isEqualTo("kept: newest successful backup");
        assertThat(reasons.get(id("ok10"))).isEqualTo("kept: one of the 2 newest successful backups (min_keep 2)");
        assertThat(reasons.get(id("ok45"))).isEqualTo("expired: 45 days old, 44 days older than the newest successful backup, retention 30 days");
        assertThat(reasons.get(id("fail60"))).startsWith("failed run expired: 60 days old");
        assertThat(plan.deleteIds()).containsExactly(id("ok45"), id("fail60"), id("ok500"));
    }

    @Test
    void aStoppedHostsBackupsWithinRetentionOfItsLastSuccessSayWhyTheyStay() {
        RetentionPlan plan = RetentionPolicy.plan("data_files", List.copyOf(records("ok200 ok210").values()), 30, 1, NOW, SKEW);
        assertThat(plan.keep().get(1).reason())
                .isEqualTo("kept: 210 days old, but within 30 days of the newest successful backup (started 2025-11-13T12:00:00Z)");
    }

    @Test
    void aBackupDatedBeyondTheClockSkewIsKeptButIsNeitherTheNewestNorAReferenceForAge() {
        List<BackupRecord> all = List.of(record("future", Duration.ofDays(-3 * 365), true), record("ok40", Duration.ofDays(40), true),
                record("ok50", Duration.ofDays(50), true), record("ok90", Duration.ofDays(90), true));
        RetentionPlan plan = RetentionPolicy.plan("data_files", all, 30, 1, NOW, SKEW);

        assertThat(plan.deleteIds()).containsExactly(id("ok90"));
        assertThat(plan.keep()).filteredOn(d -> d.id().equals(id("ok40"))).singleElement()
                .satisfies(d -> assertThat(d.reason()).isEqualTo("kept: newest successful backup"));
        assertThat(plan.keep()).filteredOn(d -> d.id().equals(id("future"))).singleElement()
                .satisfies(d -> assertThat(d.reason()).contains("beyond the allowed clock skew of 10 minutes").contains("never deleted")
                        .contains("clock is fast"));
    }

    @Test
    void aBackupDatedWithinTheClockSkewCountsAsTheNewest() {
        List<BackupRecord> all = List.of(record("soon", Duration.ofMinutes(-5), true), record("ok40", Duration.ofDays(40), true));
        assertThat(RetentionPolicy.plan("data_files", all, 30, 1, NOW, SKEW).deleteIds()).containsExactly(id("ok40"));
    }

    @Test
    void eachDatabaseOfAMultiDatabaseTypeIsItsOwnSeries() {
        // One run a day of movies + globals; movies has failed for the last 100 days, globals still succeeds.
        List<BackupRecord> all = new ArrayList<>();
        for (int day : new int[] {1, 50, 100, 101, 140, 150}) {
            all.add(unitRecord("globals", day, true));
            all.add(unitRecord("movies", day, day > 100));
        }
        all.sort(Comparator.comparing(BackupRecord::startedAt).reversed());
        RetentionPlan plan = RetentionPolicy.plan("postgresql", all, 30, 1, NOW, SKEW);

        // globals: newest success a day ago, so everything from day 50 on expires. movies: newest success
        // 101 days ago is kept (rule 1); 140 and 150 are more than 30 days older than it, so they expire.
        assertThat(plan.deleteIds()).containsExactlyInAnyOrder(
                "postgresql_globals_50", "postgresql_globals_100", "postgresql_globals_101", "postgresql_globals_140", "postgresql_globals_150",
                "postgresql_movies_140", "postgresql_movies_150");
        assertThat(plan.keepIds()).contains("postgresql_movies_101", "postgresql_globals_1",
                // movies' failed runs after its last success are newer than it: never expire relative to it
                "postgresql_movies_1", "postgresql_movies_50", "postgresql_movies_100");
    }

    @Test
    void noRandomHistoryEverLosesTheNewestSuccessMinKeepOrAnythingYoungerThanRetention() {
        Random random = new Random(42);
        for (int round = 0; round < 2000; round++) {
            int retention = 1 + random.nextInt(60);
            int minKeep = 1 + random.nextInt(4);
            List<BackupRecord> records = new ArrayList<>();
            int n = random.nextInt(12);
            for (int i = 0; i < n; i++) {
                records.add(record("b" + i, Duration.ofHours(random.nextInt(24 * 400)), random.nextInt(4) > 0));
            }
            records.sort(dev.backroute.catalog.BackupCatalog.NEWEST_FIRST);
            RetentionPlan plan = RetentionPolicy.plan("data_files", records, retention, minKeep, NOW, SKEW);

            List<BackupRecord> successes = records.stream().filter(BackupRecord::success).toList();
            List<String> protectedIds = successes.stream().limit(minKeep).map(BackupRecord::id).toList();
            assertThat(plan.deleteIds()).filteredOn(protectedIds::contains).isEmpty();
            assertThat(plan.delete()).allSatisfy(d -> {
                assertThat(Duration.between(d.backup().startedAt(), NOW)).isGreaterThan(Duration.ofDays(retention));
                assertThat(Duration.between(d.backup().startedAt(), successes.get(0).startedAt())).isGreaterThan(Duration.ofDays(retention));
            });
            if (successes.isEmpty()) {
                assertThat(plan.delete()).isEmpty();
            }
        }
    }

    /** "ok45 fail60" → records keyed by label, ids data_files_ok45 …, in the order given. */
    private static Map<String, BackupRecord> records(String spec) {
        Map<String, BackupRecord> out = new LinkedHashMap<>();
        for (String label : spec.trim().split("\\s+")) {
            boolean ok = label.startsWith("ok");
            int days = Integer.parseInt(label.substring(ok ? 2 : 4));
            out.put(label, record(label, Duration.ofDays(days), ok));
        }
        return out;
    }

    private static String id(String label) {
        return "data_files_" + label;
    }

    private static BackupRecord record(String label, Duration age, boolean success) {
        return backup(id(label), id(label), NOW.minus(age), success, Map.of());
    }

    private static BackupRecord unitRecord(String unit, int days, boolean success) {
        return backup("postgresql_" + unit + "_" + days, "postgresql_run_" + days,
                NOW.minus(Duration.ofDays(days)).plusSeconds(unit.equals("globals") ? 0 : 1), success, unitSource(unit));
    }

    /** The manifest's {@code source} of one PostgreSQL unit: a database, or the globals. */
    static Map<String, Object> unitSource(String unit) {
        return unit.equals("globals") ? Map.of("globals", true) : Map.of("database", unit);
    }

    /** A manifest as retention reads it; the type is the id's prefix, a failed run has no artifact. */
    static BackupRecord backup(String id, String runId, Instant started, boolean success, Map<String, Object> source) {
        String type = id.startsWith("postgresql_") ? "postgresql" : "data_files";
        return new BackupRecord(1, id, runId, type, success, success ? null : "source missing",
                started, started.plusSeconds(5), success ? id + ".tar.gz" : null, 100, success ? 50 : 0,
                null, null, null, null, List.of(), source, "host", "dev", null);
    }
}
