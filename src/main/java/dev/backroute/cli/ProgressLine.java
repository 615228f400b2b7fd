package dev.backroute.cli;

import dev.backroute.pipeline.ProgressListener;

import java.util.Locale;

/**
 * The text of the progress line: phase, bytes done and the rate, then, when the total is known, how far
 * along and how long still, e.g. {@code data_files: read 1.5 MiB / 3.0 MiB (50%) at 512.0 KiB/s, ETA 0:03}.
 */
final class ProgressLine {

    private ProgressLine() {}

    /**
     * @param label  what the work is about (a type), or null
     * @param total  the phase's bytes, or {@link ProgressListener#UNKNOWN}: then no percentage and no ETA
     */
    static String of(String label, String phase, long done, long total, long elapsedNanos) {
        double seconds = elapsedNanos / 1e9;
        double rate = seconds > 0 ? done / seconds : 0;
        StringBuilder line = new StringBuilder();
        if (label != null) {
            line.append(label).append(": ");
        }
        line.append(phase).append(' ').append(Sizes.human(done));
        if (total != ProgressListener.UNKNOWN) {
            line.append(" / ").append(Sizes.human(total)).append(" (").append(percent(done, total)).append("%)");
        }
        line.append(" at ").append(Sizes.human((long) rate)).append("/s");
        if (total != ProgressListener.UNKNOWN) {
            line.append(", ETA ").append(eta(total - done, rate));
        }
        return line.toString();
    }

    /** Rounded down, so 100 % means done; an estimate that fell short stops at 100. */
    private static long percent(long done, long total) {
        return total <= 0 ? 100 : Math.min(100, (long) Math.floor(done * 100.0 / total));
    }

    private static String eta(long remaining, double rate) {
        if (remaining <= 0) {
            return "0:00";
        }
        if (rate <= 0) {
            return "-";
        }
        long s = (long) Math.ceil(remaining / rate);
        return s >= 3600
                ? String.format(Locale.ROOT, "%d:%02d:%02d", s / 3600, s / 60 % 60, s % 60)
                : String.format(Locale.ROOT, "%d:%02d", s / 60, s % 60);
    }
}
