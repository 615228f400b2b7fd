package dev.backroute.catalog;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * When a type is due: a fire time has passed since its last successful backup started, each fire time
 * counting a few minutes early so that start-up jitter and small clock differences never skip a period.
 * Times are local wall-clock times, as the schedule reads them; 2026-06-14 is a Sunday.
 */
class ScheduleTest {
    private static final String DAILY = "0 0 1 * * ?";
    private static final String WEEKLY = "0 0 4 ? * SUN";

    @ParameterizedTest(name = "{0}: last start {1}, checked at {2}")
    @CsvSource(delimiter = '|', textBlock = """
            # schedule      | last successful start     | now
            0 0 1 * * ?     | 2026-06-10T01:00:00.900   | 2026-06-11T01:00:00.700
            0 0 1 * * ?     | 2026-06-10T01:00:00.200   | 2026-06-11T01:00:00.700
            0 0 1 * * ?     | 2026-06-10T01:00:04       | 2026-06-11T01:00:00.100
            0 0 1 * * ?     | 2026-06-10T01:00:00.500   | 2026-06-11T00:59:58
            0 1 * * *       | 2026-06-10T01:00:00.900   | 2026-06-11T01:00:00.700
            0 0 4 ? * SUN   | 2026-06-07T04:00:00.900   | 2026-06-14T04:00:00.300
            0 0 4 ? * SUN   | 2026-06-07T04:00:00.100   | 2026-06-14T04:00:00.900
            0 0 4 ? * SUN   | 2026-06-07T04:00:00.500   | 2026-06-14T03:59:57
            0 4 * * 0       | 2026-06-07T04:00:00.900   | 2026-06-14T04:00:00.300
            """)
    void aRunAtTheSchedulesOwnFireTimeIsDueAtTheNextFireTimeWhicheverWayItJitters(String schedule, String lastStart, String now) {
        assertThat(isDue(schedule, lastStart, now)).isTrue();
    }

    @Test
    void aRunJustAfterTodaysFireTimeStandsForItUntilTomorrows() {
        assertThat(isDue(DAILY, "2026-06-11T01:00:00.200", "2026-06-11T01:00:30")).isFalse();
        assertThat(isDue(DAILY, "2026-06-11T01:00:00.200", "2026-06-11T23:59:00")).isFalse();
        assertThat(nextDue(DAILY, "2026-06-11T01:00:00.200", "2026-06-11T01:00:30")).isEqualTo(at("2026-06-12T01:00:00"));
        assertThat(isDue(WEEKLY, "2026-06-14T04:00:01", "2026-06-14T04:02:00")).isFalse();
        assertThat(nextDue(WEEKLY, "2026-06-14T04:00:01", "2026-06-14T04:02:00")).isEqualTo(at("2026-06-21T04:00:00"));
    }

    @Test
    void aBackupForcedInTheAfternoonDoesNotPostponeTheNightlyOne() {
        assertThat(isDue(DAILY, "2026-06-10T13:00:00", "2026-06-11T01:00:01")).isTrue();
        assertThat(nextDue(DAILY, "2026-06-10T13:00:00", "2026-06-11T01:00:01")).isEqualTo(at("2026-06-11T01:00:00"));
        assertThat(isDue(DAILY, "2026-06-10T13:00:00", "2026-06-11T00:30:00")).isFalse();
    }

    @Test
    void aRunThatMissedSeveralFireTimesIsDueAtTheFirstOfThem() {
        assertThat(nextDue(DAILY, "2026-06-01T01:00:00", "2026-06-11T12:00:00")).isEqualTo(at("2026-06-02T01:00:00"));
        assertThat(isDue(DAILY, "2026-06-01T01:00:00", "2026-06-11T12:00:00")).isTrue();
    }

    @Test
    void aScheduleShorterThanTheToleranceStillRunsEveryPeriod() {
        String everyTwoMinutes = "0 */2 * * * ?";
        assertThat(isDue(everyTwoMinutes, "2026-06-11T10:00:00.500", "2026-06-11T10:00:30")).isFalse();
        assertThat(isDue(everyTwoMinutes, "2026-06-11T10:00:00.500", "2026-06-11T10:02:00.300")).isTrue();
    }

    @Test
    void neverBackedUpIsDueNow() {
        Instant now = at("2026-06-11T12:00:00");
        assertThat(new Schedule(DAILY).nextDue(null, now)).isEqualTo(now);
        assertThat(Schedule.isDue(now, now)).isTrue();
    }

    private static boolean isDue(String schedule, String lastStart, String now) {
        return Schedule.isDue(nextDue(schedule, lastStart, now), at(now));
    }

    private static Instant nextDue(String schedule, String lastStart, String now) {
        return new Schedule(schedule).nextDue(at(lastStart), at(now));
    }

    /** A wall-clock time in the host's zone, the zone Quartz reads schedules in. */
    private static Instant at(String localDateTime) {
        return LocalDateTime.parse(localDateTime).atZone(ZoneId.systemDefault()).toInstant();
    }
}
