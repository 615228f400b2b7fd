package dev.backroute.cli;

import dev.backroute.pipeline.ProgressListener;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ProgressLineTest {
    private static final long MIB = 1 << 20;
    private static final long SECOND = 1_000_000_000L;

    @Test
    void knownTotalShowsDoneOfTotalPercentageRateAndEta() {
        assertThat(ProgressLine.of("data_files", "read", 3 * MIB / 2, 3 * MIB, 3 * SECOND))
                .isEqualTo("data_files: read 1.5 MiB / 3.0 MiB (50%) at 512.0 KiB/s, ETA 0:03");
    }

    @Test
    void unknownTotalShowsOnlyBytesAndRate() {
        assertThat(ProgressLine.of("postgresql", "dump", 10 * MIB, ProgressListener.UNKNOWN, 4 * SECOND))
                .isEqualTo("postgresql: dump 10.0 MiB at 2.5 MiB/s");
    }

    @Test
    void withoutLabelTheLineStartsWithThePhase() {
        assertThat(ProgressLine.of(null, "restore", 0, 1000, 0)).isEqualTo("restore 0 B / 1000 B (0%) at 0 B/s, ETA -");
    }

    @Test
    void percentageIsRoundedDownSoOnlyTheWholeIsAHundred() {
        assertThat(ProgressLine.of(null, "validate", 999, 1000, SECOND)).isEqualTo("validate 999 B / 1000 B (99%) at 999 B/s, ETA 0:01");
        assertThat(ProgressLine.of(null, "validate", 1000, 1000, SECOND)).isEqualTo("validate 1000 B / 1000 B (100%) at 1000 B/s, ETA 0:00");
    }

    @Test
    void anEstimateThatFellShortStopsAtAHundredPercent() {
        assertThat(ProgressLine.of("logs", "read", 2 * MIB, MIB, SECOND)).isEqualTo("logs: read 2.0 MiB / 1.0 MiB (100%) at 2.0 MiB/s, ETA 0:00");
    }

    @Test
    void etaOfAnHourOrMoreShowsHours() {
        assertThat(ProgressLine.of(null, "upload", MIB, 3601 * MIB + MIB / 2, SECOND))
                .isEqualTo("upload 1.0 MiB / 3.5 GiB (0%) at 1.0 MiB/s, ETA 1:00:01");
        assertThat(ProgressLine.of(null, "upload", MIB, 60 * MIB, SECOND))
                .isEqualTo("upload 1.0 MiB / 60.0 MiB (1%) at 1.0 MiB/s, ETA 0:59");
    }

    @Test
    void anEmptyPhaseIsComplete() {
        assertThat(ProgressLine.of(null, "read-back", 0, 0, SECOND)).isEqualTo("read-back 0 B / 0 B (100%) at 0 B/s, ETA 0:00");
    }
}
