package dev.backroute.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.LongSupplier;

/**
 * One self-overwriting status line on stderr (see {@link ProgressLine}), repainted at most five times a
 * second while a phase runs and once more as each phase completes, and cleared at the end so the result
 * stands alone. Shown only on a terminal and never with --json; {@code BACKROUTE_PROGRESS=always|never}
 * overrides the terminal check (tests use {@code always}).
 */
final class Progress implements ProgressHandle {
    static final String SETTING = "BACKROUTE_PROGRESS";
    private static final long REPAINT_MS = 200;

    private final String label;
    private final PrintWriter err;
    private final LongSupplier nanoClock;
    private ScheduledExecutorService timer;
    private Phase current;
    private boolean painted;

    private record Phase(String name, long total, LongSupplier done, long startNanos) {}

    /** Paints only when told to; {@link #start} adds the repaint timer. */
    Progress(String label, PrintWriter err, LongSupplier nanoClock) {
        this.label = label;
        this.err = err;
        this.nanoClock = nanoClock;
    }

    /** A display for work about {@code label} (or null), or one that shows nothing when progress is not wanted. */
    static ProgressHandle start(String label, boolean json, Map<String, String> env, PrintWriter err) {
        if (!shown(json, env.get(SETTING), Progress::stderrIsTerminal)) {
            return new Silent(err);
        }
        Progress progress = new Progress(label, err, System::nanoTime);
        progress.timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "progress");
            t.setDaemon(true);
            return t;
        });
        progress.timer.scheduleAtFixedRate(progress::repaint, REPAINT_MS, REPAINT_MS, TimeUnit.MILLISECONDS);
        return progress;
    }

    /** --json output is for programs, whatever the setting; otherwise the setting, else whether stderr is a terminal. */
    static boolean shown(boolean json, String setting, BooleanSupplier terminal) {
        if (json) {
            return false;
        }
        if (setting == null || setting.isBlank() || setting.equals("auto")) {
            return terminal.getAsBoolean();
        }
        return switch (setting) {
            case "always" -> true;
            case "never" -> false;
            default -> throw new ErrorReporter.UsageException(SETTING + "=" + setting + " is not a progress setting: use always,"
                    + " never or auto (or leave it unset)");
        };
    }

    /**
     * Java 17 cannot ask about stderr itself: on Linux /proc tells where it goes; elsewhere a console (a
     * terminal on stdin and stdout) stands in for it.
     */
    static boolean stderrIsTerminal() {
        try {
            String target = Files.readSymbolicLink(Path.of("/proc/self/fd/2")).toString();
            return target.startsWith("/dev/pts/") || target.startsWith("/dev/tty");
        } catch (NoSuchFileException | UnsupportedOperationException e) {
            return System.console() != null;
        } catch (IOException | SecurityException e) {
            return false;
        }
    }

    @Override
    public synchronized void begin(String phase, long total, LongSupplier done) {
        current = new Phase(phase, total, done, nanoClock.getAsLong());
    }

    /** The phase's last line: its real byte count is its total now, so a known total ends at 100 %. */
    @Override
    public synchronized void end() {
        if (current != null) {
            long done = current.done().getAsLong();
            paint(ProgressLine.of(label, current.name(), done, current.total() < 0 ? current.total() : done,
                    nanoClock.getAsLong() - current.startNanos()));
            current = null;
        }
    }

    synchronized void repaint() {
        if (current != null) {
            paint(ProgressLine.of(label, current.name(), current.done().getAsLong(), current.total(),
                    nanoClock.getAsLong() - current.startNanos()));
        }
    }

    @Override
    public synchronized void say(String message) {
        clear();
        err.println(message);
        err.flush();
    }

    @Override
    public void close() {
        if (timer != null) {
            timer.shutdownNow();
            try {
                timer.awaitTermination(1, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        synchronized (this) {
            current = null;
            clear();
        }
    }

    private void paint(String line) {
        err.print("\r" + line + "\033[K");
        err.flush();
        painted = true;
    }

    private void clear() {
        if (painted) {
            err.print("\r\033[K");
            err.flush();
            painted = false;
        }
    }

    /** No terminal, or --json: the work reports to nobody, and messages go out as they are. */
    private record Silent(PrintWriter err) implements ProgressHandle {
        @Override
        public void begin(String phase, long total, LongSupplier done) {
            // not shown
        }

        @Override
        public void end() {
            // not shown
        }

        @Override
        public boolean watching() {
            return false;
        }

        @Override
        public void say(String message) {
            err.println(message);
            err.flush();
        }

        @Override
        public void close() {
            // nothing was shown
        }
    }
}
