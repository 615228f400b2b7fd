package dev.backroute.cli;

import dev.backroute.pipeline.ProgressListener;
import org.junit.jupiter.api.Test;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** When the status line is shown, and what it writes on stderr. */
class ProgressTest {
    private static final long SECOND = 1_000_000_000L;
    private static final String CLEAR = "\033[K";

    private final StringWriter err = new StringWriter();
    private final AtomicLong now = new AtomicLong();
    private final Progress progress = new Progress("data_files", new PrintWriter(err), now::get);

    @Test
    void jsonNeverShowsProgressWhateverTheSettingOrTerminal() {
        assertThat(Progress.shown(true, "always", () -> true)).isFalse();
        assertThat(Progress.shown(true, null, () -> true)).isFalse();
    }

    @Test
    void unsetOrAutoFollowsWhetherStderrIsATerminal() {
        assertThat(Progress.shown(false, null, () -> true)).isTrue();
        assertThat(Progress.shown(false, null, () -> false)).isFalse();
        assertThat(Progress.shown(false, "auto", () -> true)).isTrue();
        assertThat(Progress.shown(false, "", () -> false)).isFalse();
    }

    @Test
    void alwaysAndNeverOverrideTheTerminalCheck() {
        assertThat(Progress.shown(false, "always", () -> false)).isTrue();
        assertThat(Progress.shown(false, "never", () -> true)).isFalse();
    }

    @Test
    void anUnknownSettingIsAUsageError() {
        assertThatThrownBy(() -> Progress.shown(false, "yes", () -> true))
                .isInstanceOf(ErrorReporter.UsageException.class)
                .hasMessage("BACKROUTE_PROGRESS=yes is not a progress setting: use always, never or auto (or leave it unset)");
    }

    @Test
    void notShownWritesNothingAndMessagesStillGetThrough() {
        try (ProgressHandle silent = Progress.start("data_files", false, Map.of(Progress.SETTING, "never"), new PrintWriter(err))) {
            assertThat(silent.watching()).isFalse();
            silent.begin("read", 10, () -> 5);
            silent.end();
            silent.say("backroute: dropping database app");
        }
        assertThat(err.toString()).isEqualTo("backroute: dropping database app" + System.lineSeparator());
    }

    @Test
    void aShownDisplayIsWatching() {
        assertThat(progress.watching()).isTrue();
    }

    @Test
    void repaintOverwritesTheLineAndTheEndOfAPhaseShowsAHundredPercentOfItsRealSize() {
        AtomicLong done = new AtomicLong();
        progress.begin("read", 2048, done::get);
        done.set(512);
        now.set(SECOND);
        progress.repaint();
        done.set(2100); // the estimate fell a little short
        now.set(2 * SECOND);
        progress.end();
        progress.repaint(); // between phases: nothing to paint

        assertThat(err.toString()).isEqualTo(
                "\rdata_files: read 512 B / 2.0 KiB (25%) at 512 B/s, ETA 0:03" + CLEAR
                + "\rdata_files: read 2.1 KiB / 2.1 KiB (100%) at 1.0 KiB/s, ETA 0:00" + CLEAR);
    }

    @Test
    void aPhaseOfUnknownSizeEndsWithoutPercentage() {
        progress.begin("dump", ProgressListener.UNKNOWN, () -> 4096);
        now.set(2 * SECOND);
        progress.end();

        assertThat(err.toString()).isEqualTo("\rdata_files: dump 4.0 KiB at 2.0 KiB/s" + CLEAR);
    }

    @Test
    void closeClearsTheLineSoTheResultStandsAlone() {
        progress.begin("upload", 100, () -> 100);
        progress.end();
        progress.close();

        assertThat(err.toString()).endsWith("(100%) at 0 B/s, ETA 0:00" + CLEAR + "\r" + CLEAR);
    }

    @Test
    void nothingPaintedMeansNothingToClear() {
        progress.begin("read", 100, () -> 0);
        progress.close();

        assertThat(err.toString()).isEmpty();
    }

    @Test
    void aMessageClearsTheLineFirstAndTheNextRepaintComesBelowIt() {
        progress.begin("restore", 100, () -> 50);
        progress.repaint();
        progress.say("backroute: dropping database app");
        progress.repaint();

        String line = "\rdata_files: restore 50 B / 100 B (50%) at 0 B/s, ETA -" + CLEAR;
        assertThat(err.toString()).isEqualTo(line + "\r" + CLEAR + "backroute: dropping database app" + System.lineSeparator() + line);
    }
}
