package dev.backroute.cli;

import java.io.PrintWriter;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * A progress line on the terminal for work that takes more than about two seconds: bytes so far and
 * the rate. Shown only when stdout is a terminal and --json is off, so scripts never see it.
 */
final class Progress implements ProgressHandle {
    private static final long FIRST_AFTER_MS = 2000;

    private final ScheduledExecutorService timer;
    private final PrintWriter err;
    private volatile boolean printed;

    private Progress(String label, LongSupplier bytes, PrintWriter err) {
        this.err = err;
        this.timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "progress");
            t.setDaemon(true);
            return t;
        });
        long start = System.nanoTime();
        timer.scheduleAtFixedRate(() -> {
            long b = bytes.getAsLong();
            double secs = (System.nanoTime() - start) / 1e9;
            err.print("\r" + label + ": " + Sizes.human(b) + " at " + Sizes.human((long) (b / secs)) + "/s   ");
            err.flush();
            printed = true;
        }, FIRST_AFTER_MS, 500, TimeUnit.MILLISECONDS);
    }

    static ProgressHandle start(String label, LongSupplier bytes, boolean json, PrintWriter err) {
        if (json || System.console() == null) {
            return () -> { };
        }
        return new Progress(label, bytes, err);
    }

    @Override
    public void close() {
        timer.shutdownNow();
        try {
            timer.awaitTermination(1, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (printed) {
            err.print("\r\033[K");
            err.flush();
        }
    }
}
