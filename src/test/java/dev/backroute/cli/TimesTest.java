package dev.backroute.cli;

import org.junit.jupiter.api.Test;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

/** How long ago a member checked in, in the unit an operator reads at a glance. */
class TimesTest {
    private static final Instant NOW = Instant.parse("2026-12-06T04:00:00Z");

    @Test
    void secondsUpToTwoMinutesThenMinutesHoursAndDays() {
        assertThat(ago(0)).isEqualTo("0 s ago");
        assertThat(ago(119)).isEqualTo("119 s ago");
        assertThat(ago(120)).isEqualTo("2 min ago");
        assertThat(ago(7_199)).isEqualTo("119 min ago");
        assertThat(ago(7_200)).isEqualTo("2 h ago");
        assertThat(ago(172_799)).isEqualTo("47 h ago");
        assertThat(ago(172_800)).isEqualTo("2 d ago");
    }

    @Test
    void anInstantAfterNowIsNoTimeAgo() {
        assertThat(Times.ago(NOW.plusSeconds(5), NOW)).isEqualTo("0 s ago");
    }

    private static String ago(long seconds) {
        return Times.ago(NOW.minusSeconds(seconds), NOW);
    }
}
