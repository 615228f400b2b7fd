package dev.backroute.pipeline;

import java.io.InputStream;
import java.io.InterruptedIOException;
import java.util.concurrent.TimeUnit;

/**
 * A token bucket holding a rate in bytes per second, shared by every thread that moves bytes through it, so their
 * sum keeps to the rate. Idle time saves up at most one second of the rate: after a pause, one second's worth passes
 * at once and then the rate holds again. A caller that takes more than is available is told how long to wait and
 * waits outside the lock (the bytes are booked first, so callers queue in the order they came); the wait ends at
 * once when its thread is interrupted.
 */
public final class Throttle {
    private static final long SECOND = TimeUnit.SECONDS.toNanos(1);

    /** No limit: {@link #take} never waits and {@link #limit} returns the stream itself. */
    public static final Throttle NONE = new Throttle(0, null);

    /** Time as the throttle sees it; tests give a fake one. */
    public interface Clock {
        long nanoTime();

        void sleepNanos(long nanos) throws InterruptedException;
    }

    private static final Clock SYSTEM = new Clock() {
        @Override
        public long nanoTime() {
            return System.nanoTime();
        }

        @Override
        public void sleepNanos(long nanos) throws InterruptedException {
            TimeUnit.NANOSECONDS.sleep(nanos);
        }
    };

    private final long bytesPerSecond;
    private final Clock clock;
    /** When the bytes booked so far will all have passed at the rate (the bucket's "theoretical arrival time"). */
    private long paidUntil;
    private boolean started;

    private Throttle(long bytesPerSecond, Clock clock) {
        this.bytesPerSecond = bytesPerSecond;
        this.clock = clock;
    }

    /** A throttle at {@code bytesPerSecond} (at least 1) on the system clock. */
    public static Throttle perSecond(long bytesPerSecond) {
        return perSecond(bytesPerSecond, SYSTEM);
    }

    public static Throttle perSecond(long bytesPerSecond, Clock clock) {
        if (bytesPerSecond < 1) {
            throw new IllegalArgumentException("a throttle needs a rate of at least 1 byte per second, got " + bytesPerSecond);
        }
        return new Throttle(bytesPerSecond, clock);
    }

    public boolean isLimited() {
        return clock != null;
    }

    /** The most bytes that pass at once: one second of the rate. A stream asks for no more than this per read. */
    public int burst() {
        return isLimited() ? (int) Math.min(Integer.MAX_VALUE, bytesPerSecond) : Integer.MAX_VALUE;
    }

    /** {@code in}, each byte read from it taken from this throttle; {@code in} itself when there is no limit. */
    public InputStream limit(InputStream in) {
        return isLimited() ? new ThrottledInputStream(in, this) : in;
    }

    /** Books {@code bytes} and waits until the rate allows them. */
    public void take(long bytes) throws InterruptedIOException {
        if (!isLimited() || bytes <= 0) {
            return;
        }
        long wait = book(bytes);
        if (wait > 0) {
            try {
                clock.sleepNanos(wait);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new InterruptedIOException("interrupted while waiting for the bandwidth limit");
            }
        }
    }

    /** How long the caller must wait before {@code bytes} may pass, having booked them. */
    private synchronized long book(long bytes) {
        long now = clock.nanoTime();
        // Credit saved up while idle is capped at one second: the bucket holds one second of the rate.
        long from = started ? Math.max(paidUntil, now - SECOND) : now - SECOND;
        started = true;
        paidUntil = from + nanosFor(bytes);
        return paidUntil - now;
    }

    private long nanosFor(long bytes) {
        // Whole seconds exactly, the rest in floating point: (bytes % rate) * 1e9 could overflow a long.
        return bytes / bytesPerSecond * SECOND + (long) ((double) (bytes % bytesPerSecond) * SECOND / bytesPerSecond);
    }
}
