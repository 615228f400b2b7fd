package dev.backroute.pipeline;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import java.util.zip.DataFormatException;
import java.util.zip.GZIPInputStream;
import java.util.zip.Inflater;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.params.provider.Arguments.arguments;

/** pigz-style gzip: one valid gzip member, byte-equal round trips, failures surface, memory bounded. */
class ParallelGzipTest {
    private static final int K = 1024;
    private static final Map<String, byte[]> INPUTS = new ConcurrentHashMap<>();

    @TempDir
    Path dir;

    static byte[] input(String name) {
        return INPUTS.computeIfAbsent(name, n -> switch (n) {
            case "0" -> new byte[0];
            case "1" -> new byte[] {42};
            case "32KiB" -> TestData.text(32 * K, 1);
            case "128KiB-1" -> TestData.text(128 * K - 1, 2);
            case "128KiB" -> TestData.random(128 * K, 3);
            case "128KiB+1" -> TestData.text(128 * K + 1, 4);
            case "5MB-random" -> TestData.random(5_000_000, 5);
            case "20MB-text" -> TestData.text(20_000_000, 6);
            default -> throw new IllegalArgumentException(n);
        });
    }

    static Stream<Arguments> cases() {
        List<Arguments> all = new ArrayList<>();
        for (String size : List.of("0", "1", "32KiB", "128KiB-1", "128KiB", "128KiB+1", "5MB-random", "20MB-text")) {
            for (int threads = 1; threads <= 4; threads++) {
                for (int level : new int[] {1, 6, 9}) {
                    all.add(arguments(size, threads, level));
                }
            }
        }
        return all.stream();
    }

    @ParameterizedTest(name = "{0} threads={1} level={2}")
    @MethodSource("cases")
    void roundTripsThroughGzipInputStream(String size, int threads, int level) throws IOException {
        byte[] data = input(size);
        byte[] gz = compress(data, level, threads);

        assertThat(gunzipJava(gz)).isEqualTo(data);
        assertIsOneMember(gz, data.length);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"0", "1", "128KiB+1", "5MB-random", "20MB-text"})
    void gunzipReadsItAsOneMember(String size) throws Exception {
        byte[] data = input(size);
        Path gz = dir.resolve("out.gz");
        Files.write(gz, compress(data, 6, 3));

        Path plain = dir.resolve("out");
        Process p = new ProcessBuilder("gunzip", "-c", gz.toString()).redirectOutput(plain.toFile())
                .redirectError(ProcessBuilder.Redirect.INHERIT).start();
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).isZero();
        assertThat(Files.readAllBytes(plain)).isEqualTo(data);

        Process list = new ProcessBuilder("gzip", "-lv", gz.toString()).redirectErrorStream(true).start();
        String listing = new String(list.getInputStream().readAllBytes());
        assertThat(list.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(list.exitValue()).as(listing).isZero();
        assertThat(listing).contains(String.valueOf(data.length));
    }

    @Test
    void theRatioStaysCloseToSingleThreadedGzip() throws IOException {
        byte[] data = input("20MB-text");
        int single = compress(data, 6, 1).length;
        int parallel = compress(data, 6, 4).length;
        // Priming with the previous 32 KiB keeps pigz's ratio within a fraction of a percent.
        assertThat((double) parallel / single).isLessThan(1.01);
    }

    @Test
    void aFailingWorkerFailsTheWriterAndCloseDoesNotHang() {
        assertTimeoutPreemptively(Duration.ofSeconds(60), () -> {
            FailingStream s = new FailingStream(new ByteArrayOutputStream(), 3, 5);
            byte[] chunk = new byte[1000];
            assertThatThrownBy(() -> {
                for (int i = 0; i < 10_000; i++) {
                    s.write(chunk);
                }
                s.close();
            }).isInstanceOf(IOException.class).hasRootCauseMessage("worker broke on block 5");
            assertThatThrownBy(() -> s.write(chunk)).isInstanceOf(IOException.class);
            s.close();
            s.close();
        });
    }

    @Test
    void aFailureOnTheLastBlockSurfacesFromClose() {
        assertTimeoutPreemptively(Duration.ofSeconds(60), () -> {
            FailingStream s = new FailingStream(new ByteArrayOutputStream(), 2, 0);
            s.write(new byte[10]);
            assertThatThrownBy(s::close).isInstanceOf(IOException.class).hasRootCauseMessage("worker broke on block 0");
        });
    }

    @Test
    void aFailingTargetStreamFailsTheWriterAndCloseDoesNotHang() {
        assertTimeoutPreemptively(Duration.ofSeconds(60), () -> {
            OutputStream broken = new OutputStream() {
                @Override
                public void write(int b) throws IOException { throw new IOException("disk full"); }

                @Override
                public void write(byte[] b, int off, int len) throws IOException { throw new IOException("disk full"); }
            };
            OutputStream s = new ParallelGzipOutputStream(broken, 6, 2);
            byte[] chunk = TestData.random(64 * K, 9);
            assertThatThrownBy(() -> {
                for (int i = 0; i < 100; i++) {
                    s.write(chunk);
                }
                s.close();
            }).isInstanceOf(IOException.class).hasMessageContaining("disk full");
            s.close();
        });
    }

    @Test
    void noMoreThanTwiceTheThreadsBlocksAreEverInFlight() throws IOException {
        for (int threads : new int[] {1, 2, 3}) {
            FailingStream slow = new FailingStream(OutputStream.nullOutputStream(), threads, Integer.MAX_VALUE);
            byte[] chunk = new byte[10_000];
            for (int i = 0; i < 2_000; i++) {
                slow.write(chunk);
            }
            slow.close();
            assertThat(slow.peakInFlight()).isEqualTo(2 * threads);

            ParallelGzipOutputStream gzip = new ParallelGzipOutputStream(OutputStream.nullOutputStream(), 1, threads);
            byte[] data = input("20MB-text");
            gzip.write(data);
            gzip.close();
            assertThat(gzip.peakInFlight()).isBetween(1, 2 * threads);
        }
    }

    /** Blocks and output buffers are reused once written: the arrays allocated do not grow with the input. */
    @Test
    void buffersAreRecycledNotAllocatedPerBlock() throws IOException {
        int threads = 2;
        ParallelGzipOutputStream gzip = new ParallelGzipOutputStream(OutputStream.nullOutputStream(), 6, threads);
        byte[] data = input("20MB-text");
        gzip.write(data);
        gzip.close();
        assertThat(data.length / ParallelGzipOutputStream.BLOCK).as("blocks").isGreaterThan(100);
        // At most: the blocks in flight, the one being filled and the last written one's input (its
        // successor's dictionary); the outputs in flight and one per worker.
        assertThat(gzip.arraysAllocated()).isLessThanOrEqualTo(2 * gzip.maxInFlight() + threads + 2);
    }

    /** 300 MB through the parallel gzip in a JVM with a 64 MB heap: memory does not grow with the input. */
    @Test
    void threeHundredMegabytesFitInASixtyFourMegabyteHeap() throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process p = new ProcessBuilder(java, "-Xmx64m", "-cp", System.getProperty("java.class.path"),
                GzipMemoryProbe.class.getName(), "300000000", "4")
                .redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes());
        assertThat(p.waitFor(10, TimeUnit.MINUTES)).isTrue();
        assertThat(p.exitValue()).as(output).isZero();
        assertThat(output).contains("ok 300000000");
    }

    static byte[] compress(byte[] data, int level, int threads) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (OutputStream gz = Compression.GZIP.compress(out, level, threads)) {
            // Uneven writes, as a tar writer makes them.
            int off = 0;
            int step = 7;
            while (off < data.length) {
                int n = Math.min(step, data.length - off);
                gz.write(data, off, n);
                off += n;
                step = step * 3 % 200_003 + 1;
            }
        }
        return out.toByteArray();
    }

    static byte[] gunzipJava(byte[] gz) throws IOException {
        try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(gz))) {
            return in.readAllBytes();
        }
    }

    /** One header, one deflate stream ending with its final block, then exactly the 8-byte trailer. */
    static void assertIsOneMember(byte[] gz, int size) {
        assertThat(gz[0]).isEqualTo((byte) 0x1f);
        assertThat(gz[1]).isEqualTo((byte) 0x8b);
        assertThat(gz[3]).as("no optional header fields").isZero();
        Inflater inflater = new Inflater(true);
        try {
            inflater.setInput(gz, 10, gz.length - 10);
            byte[] sink = new byte[1 << 16];
            long total = 0;
            while (!inflater.finished()) {
                int n = inflater.inflate(sink);
                assertThat(n > 0 || !inflater.needsInput()).as("deflate stream ends").isTrue();
                total += n;
            }
            assertThat(total).isEqualTo(size);
            assertThat(inflater.getRemaining()).as("only the trailer follows the deflate stream").isEqualTo(8);
            int isize = (gz[gz.length - 4] & 0xff) | (gz[gz.length - 3] & 0xff) << 8 | (gz[gz.length - 2] & 0xff) << 16
                    | (gz[gz.length - 1] & 0xff) << 24;
            assertThat(isize).isEqualTo(size);
        } catch (DataFormatException e) {
            throw new AssertionError(e);
        } finally {
            inflater.end();
        }
    }

    /** Fails on the n-th block compressed (or never), and compresses slowly enough that the writer has to wait. */
    static final class FailingStream extends ParallelBlockOutputStream {
        private final int failOn;
        private final AtomicInteger compressed = new AtomicInteger();

        FailingStream(OutputStream out, int threads, int failOn) {
            super(out, threads, 4096);
            this.failOn = failOn;
        }

        @Override
        byte[] header() { return new byte[0]; }

        @Override
        byte[] trailer() { return new byte[0]; }

        @Override
        BlockWorker newWorker() {
            return new BlockWorker() {
                @Override
                public Compressed compress(byte[] data, int length, byte[] previous, int previousLength, boolean last) throws IOException {
                    int index = compressed.getAndIncrement();
                    if (index == failOn) {
                        throw new IOException("worker broke on block " + index);
                    }
                    try {
                        Thread.sleep(1);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        throw new IOException("interrupted", e);
                    }
                    return new Compressed(new byte[] {(byte) length}, 1);
                }

                @Override
                public void close() {
                    // nothing to release
                }
            };
        }
    }
}
