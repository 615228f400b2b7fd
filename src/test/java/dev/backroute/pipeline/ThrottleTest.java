package dev.backroute.pipeline;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ThrottleTest {
    private static final long SECOND = TimeUnit.SECONDS.toNanos(1);

    /** A clock that stands still unless told to move; with {@code advancing}, each sleep moves it on by its length. */
    private static final class FakeClock implements Throttle.Clock {
        private final boolean advancing;
        private final List<Long> sleeps = new ArrayList<>();
        private long now = 42 * SECOND;

        FakeClock(boolean advancing) {
            this.advancing = advancing;
        }

        @Override
        public synchronized long nanoTime() {
            return now;
        }

        @Override
        public synchronized void sleepNanos(long nanos) {
            sleeps.add(nanos);
            if (advancing) {
                now += nanos;
            }
        }

        synchronized void pass(long nanos) {
            now += nanos;
        }

        synchronized List<Long> sleeps() {
            return List.copyOf(sleeps);
        }
    }

    @Test
    void aStreamReadThroughTheThrottleTakesAsLongAsTheRateSaysLessTheOneSecondBurst() throws IOException {
        FakeClock clock = new FakeClock(true);
        Throttle throttle = Throttle.perSecond(1000, clock);
        long start = clock.nanoTime();

        long copied = throttle.limit(new ByteArrayInputStream(new byte[10_000])).transferTo(OutputStream.nullOutputStream());

        assertThat(copied).isEqualTo(10_000);
        assertThat(clock.nanoTime() - start).isEqualTo(9 * SECOND);
    }

    @Test
    void idleTimeSavesUpOnlyOneSecondOfTheRate() throws IOException {
        FakeClock clock = new FakeClock(true);
        Throttle throttle = Throttle.perSecond(1000, clock);
        throttle.take(1000);
        clock.pass(TimeUnit.HOURS.toNanos(1));

        throttle.take(1000);
        assertThat(clock.sleeps()).as("one second's worth passes at once after a pause").isEmpty();
        throttle.take(500);
        assertThat(clock.sleeps()).as("but no more").containsExactly(SECOND / 2);
    }

    @Test
    void aSingleReadPassesAtMostOneSecondOfTheRate() throws IOException {
        Throttle throttle = Throttle.perSecond(1000, new FakeClock(true));
        InputStream in = throttle.limit(new ByteArrayInputStream(new byte[10_000]));

        assertThat(in.read(new byte[8192], 0, 8192)).isEqualTo(1000);
    }

    @Test
    void skippedBytesAreTakenLikeReadOnes() throws IOException {
        FakeClock clock = new FakeClock(true);
        InputStream in = Throttle.perSecond(1000, clock).limit(new ByteArrayInputStream(new byte[5000]));
        long start = clock.nanoTime();

        assertThat(in.skip(3000)).isEqualTo(3000);
        assertThat(clock.nanoTime() - start).isEqualTo(2 * SECOND);
    }

    @Test
    void threadsTakingAtOnceShareOneRate() throws InterruptedException {
        FakeClock clock = new FakeClock(false);
        Throttle throttle = Throttle.perSecond(1000, clock);
        CountDownLatch start = new CountDownLatch(1);
        List<Thread> threads = new ArrayList<>();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        for (int i = 0; i < 4; i++) {
            Thread t = new Thread(() -> {
                try {
                    start.await();
                    throttle.take(1000);
                } catch (InterruptedException | IOException e) {
                    failure.set(e);
                }
            });
            t.start();
            threads.add(t);
        }
        start.countDown();
        for (Thread t : threads) {
            t.join();
        }

        assertThat(failure.get()).isNull();
        // Four seconds' worth at one instant: the first passes on the burst, the others wait their turn.
        assertThat(clock.sleeps()).containsExactlyInAnyOrder(SECOND, 2 * SECOND, 3 * SECOND);
    }

    @Test
    void anInterruptEndsTheWaitAtOnce() throws InterruptedException {
        Throttle throttle = Throttle.perSecond(1);
        AtomicReference<Throwable> thrown = new AtomicReference<>();
        AtomicReference<Boolean> stillInterrupted = new AtomicReference<>();
        Thread t = new Thread(() -> {
            try {
                throttle.take(1_000_000); // about eleven days at one byte per second
            } catch (IOException e) {
                thrown.set(e);
                stillInterrupted.set(Thread.currentThread().isInterrupted());
            }
        });
        t.start();
        t.interrupt();
        t.join(TimeUnit.SECONDS.toMillis(30));

        assertThat(t.isAlive()).isFalse();
        assertThat(thrown.get()).isInstanceOf(InterruptedIOException.class)
                .hasMessage("interrupted while waiting for the bandwidth limit");
        assertThat(stillInterrupted.get()).isTrue();
    }

    @Test
    void withoutALimitTheStreamIsPassedOnAsItIs() {
        InputStream in = new ByteArrayInputStream(new byte[1]);

        assertThat(Throttle.NONE.limit(in)).isSameAs(in);
        assertThat(Throttle.NONE.isLimited()).isFalse();
    }

    @Test
    void aRateBelowOneBytePerSecondIsRefused() {
        assertThatThrownBy(() -> Throttle.perSecond(0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("a throttle needs a rate of at least 1 byte per second, got 0");
    }
}
