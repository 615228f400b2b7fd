package dev.backroute.pipeline;

import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

/** zstd with workers, xz and bzip2 as concatenated streams: our decoder and the command-line tool read them. */
class ParallelCodecsTest {
    @TempDir
    Path dir;

    static Stream<Arguments> cases() {
        List<Arguments> all = new ArrayList<>();
        for (Compression c : List.of(Compression.ZSTD, Compression.LZMA, Compression.BZIP2)) {
            for (int threads : new int[] {1, 2, 3}) {
                for (int size : new int[] {0, 1, 100_000, 9_500_000}) {
                    all.add(arguments(c, threads, size));
                }
            }
        }
        return all.stream();
    }

    @ParameterizedTest(name = "{0} threads={1} size={2}")
    @MethodSource("cases")
    void roundTripsAndTheToolReadsIt(Compression compression, int threads, int size) throws Exception {
        byte[] data = mixed(size);
        int level = compression == Compression.LZMA ? 1 : compression == Compression.ZSTD ? 3 : 6;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (OutputStream c = compression.compress(out, level, threads)) {
            for (int off = 0; off < data.length; off += 70_001) {
                c.write(data, off, Math.min(70_001, data.length - off));
            }
        }
        byte[] compressed = out.toByteArray();

        try (InputStream in = compression.decompress(new ByteArrayInputStream(compressed))) {
            assertThat(in.readAllBytes()).isEqualTo(data);
        }
        assertThat(tool(compression, compressed)).isEqualTo(data);
    }

    private byte[] tool(Compression compression, byte[] compressed) throws Exception {
        String cmd = switch (compression) {
            case ZSTD -> "zstd";
            case LZMA -> "xz";
            case BZIP2 -> "bzip2";
            default -> throw new IllegalArgumentException();
        };
        Path in = dir.resolve("in" + compression.extension());
        Path plain = dir.resolve("plain");
        Files.write(in, compressed);
        Process p = new ProcessBuilder(cmd, "-d", "-c", in.toString()).redirectOutput(plain.toFile())
                .redirectError(ProcessBuilder.Redirect.INHERIT).start();
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(cmd + " -d").isZero();
        return Files.readAllBytes(plain);
    }

    /** Half text, half random, interleaved in 1 MB runs: both kinds cross block boundaries. */
    private static byte[] mixed(int size) {
        byte[] data = new byte[size];
        byte[] text = TestData.text(1 << 20, 11);
        byte[] random = TestData.random(1 << 20, 12);
        for (int off = 0, i = 0; off < size; off += 1 << 20, i++) {
            System.arraycopy(i % 2 == 0 ? text : random, 0, data, off, Math.min(1 << 20, size - off));
        }
        return data;
    }
}
