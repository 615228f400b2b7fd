package dev.backroute.pipeline;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

/** The producer/writer hand-off of a backup and the read-ahead of a restore: same bytes, failures on both sides. */
class HandoffTest {

    @Test
    void passesEveryByteInOrder() throws IOException {
        byte[] data = TestData.random(5_000_003, 1);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Handoff.run(o -> {
            for (int off = 0; off < data.length; off += 77_777) {
                o.write(data, off, Math.min(77_777, data.length - off));
            }
            o.write(7);
        }, out, 4096, 3);
        byte[] expected = java.util.Arrays.copyOf(data, data.length + 1);
        expected[data.length] = 7;
        assertThat(out.toByteArray()).isEqualTo(expected);
    }

    @Test
    void theProducersFailureReachesTheCaller() {
        assertTimeoutPreemptively(Duration.ofSeconds(30), () ->
                assertThatThrownBy(() -> Handoff.run(o -> {
                    o.write(new byte[100_000]);
                    throw new IOException("source vanished");
                }, OutputStream.nullOutputStream(), 4096, 2)).isInstanceOf(IOException.class).hasMessage("source vanished"));
    }

    @Test
    void aFailingWriterStopsTheProducer() {
        AtomicReference<Throwable> producerSaw = new AtomicReference<>();
        OutputStream broken = new OutputStream() {
            @Override
            public void write(int b) throws IOException { throw new IOException("disk full"); }

            @Override
            public void write(byte[] b, int off, int len) throws IOException { throw new IOException("disk full"); }
        };
        assertTimeoutPreemptively(Duration.ofSeconds(30), () ->
                assertThatThrownBy(() -> Handoff.run(o -> {
                    try {
                        while (true) {
                            o.write(new byte[10_000]);
                        }
                    } catch (IOException e) {
                        producerSaw.set(e);
                        throw e;
                    }
                }, broken, 4096, 2)).hasMessage("disk full"));
        assertThat(producerSaw.get()).isInstanceOf(IOException.class);
    }

    @Test
    void readAheadGivesTheSameBytesAndLeavesTheSourceAtItsEnd() throws IOException {
        byte[] data = TestData.text(3_000_001, 2);
        ByteArrayInputStream source = new ByteArrayInputStream(data);
        try (Handoff.ReadAhead in = Handoff.readAhead(source)) {
            assertThat(in.readAllBytes()).isEqualTo(data);
            assertThat(in.read()).isEqualTo(-1);
        }
        assertThat(source.available()).isZero();
    }

    @Test
    void readAheadRethrowsTheSourcesFailureAfterTheBytesBeforeIt() {
        InputStream failing = new InputStream() {
            private int left = 10_000;

            @Override
            public int read() throws IOException {
                if (left-- > 0) {
                    return 1;
                }
                throw new IOException("authentication failed");
            }
        };
        assertTimeoutPreemptively(Duration.ofSeconds(30), () -> {
            Handoff.ReadAhead in = Handoff.readAhead(failing);
            byte[] got = new byte[10_000];
            int n = 0;
            while (n < got.length) {
                n += in.read(got, n, got.length - n);
            }
            assertThatThrownBy(in::read).isInstanceOf(IOException.class).hasMessage("authentication failed");
            in.close();
        });
    }

    @Test
    void closingAReadAheadEarlyStopsItsThread() {
        InputStream endless = new InputStream() {
            @Override
            public int read() { return 0; }

            @Override
            public int read(byte[] b, int off, int len) { return len; }
        };
        assertTimeoutPreemptively(Duration.ofSeconds(30), () -> {
            Handoff.ReadAhead in = Handoff.readAhead(endless);
            assertThat(in.read(new byte[100])).isPositive();
            in.close();
            assertThatThrownBy(in::read).isInstanceOf(IOException.class);
        });
    }
}
