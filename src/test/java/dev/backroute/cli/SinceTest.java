package dev.backroute.cli;

import org.junit.jupiter.api.Test;
import picocli.CommandLine;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SinceTest {
    private static final Instant NOW = Instant.parse("2026-12-05T12:30:00Z");

    @Test
    void aDateIsItsMidnightUtc() {
        assertThat(Since.parse("2026-12-01").start(NOW)).isEqualTo(Instant.parse("2026-12-01T00:00:00Z"));
    }

    @Test
    void anInstantIsItself() {
        assertThat(Since.parse("2026-12-01T06:15:30.5Z").start(NOW)).isEqualTo(Instant.parse("2026-12-01T06:15:30.5Z"));
    }

    @Test
    void anAgeCountsBackFromWhenTheCommandRuns() {
        Since week = Since.parse("7d");
        assertThat(week.start(NOW)).isEqualTo(Instant.parse("2026-11-28T12:30:00Z"));
        assertThat(week.start(NOW.plusSeconds(60))).isEqualTo(Instant.parse("2026-11-28T12:31:00Z"));
        assertThat(Since.parse("24h").start(NOW)).isEqualTo(Instant.parse("2026-12-04T12:30:00Z"));
    }

    @Test
    void anythingElseIsRefusedSayingWhatIsExpected() {
        for (String bad : new String[] {"yesterday", "7", "7w", "-1d", "2026-13-01", "2026-12-01T06:00", ""}) {
            assertThatThrownBy(() -> Since.parse(bad)).as(bad).isInstanceOf(CommandLine.TypeConversionException.class)
                    .hasMessage("expected a date (2026-12-01), an instant (2026-12-01T06:00:00Z) or an age in days or hours"
                            + " (7d, 24h), got '" + bad + "'");
        }
    }
}
