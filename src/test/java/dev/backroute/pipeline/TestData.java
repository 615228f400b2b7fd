package dev.backroute.pipeline;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.SplittableRandom;

/** Reproducible test inputs: random bytes (incompressible) and CSV-like text (compressible). */
final class TestData {
    private TestData() {}

    static byte[] random(int size, long seed) {
        byte[] b = new byte[size];
        SplittableRandom r = new SplittableRandom(seed);
        for (int i = 0; i < size; i += 8) {
            long v = r.nextLong();
            for (int j = 0; j < 8 && i + j < size; j++) {
                b[i + j] = (byte) (v >>> (8 * j));
            }
        }
        return b;
    }

    static byte[] text(int size, long seed) {
        String[] genres = {"drama", "comedy", "thriller", "documentary", "animation", "horror", "romance"};
        SplittableRandom r = new SplittableRandom(seed);
        StringBuilder sb = new StringBuilder(size + 200);
        while (sb.length() < size) {
            sb.append(r.nextInt(1_000_000)).append(',').append("movie_").append(r.nextInt(50_000)).append(',')
                    .append(genres[r.nextInt(genres.length)]).append(',').append(r.nextInt(10)).append('.')
                    .append(r.nextInt(10)).append(",\"{\"\"user\"\": ").append(r.nextInt(1000)).append("}\"\n");
        }
        return Arrays.copyOf(sb.toString().getBytes(StandardCharsets.US_ASCII), size);
    }
}
