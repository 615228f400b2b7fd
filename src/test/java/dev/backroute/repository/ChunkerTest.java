package dev.backroute.repository;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class ChunkerTest {
    private static final ChunkerParams PARAMS = new ChunkerParams(4096, 16384, 65536);

    @Test
    void sameDataAndSecretGiveTheSameChunksHoweverTheWritesAreSplit() throws IOException {
        byte[] data = random(2_000_000, 1);
        List<Integer> whole = lengths(data, secret(1), PARAMS, data.length);
        assertThat(lengths(data, secret(1), PARAMS, 1000)).isEqualTo(whole);
        assertThat(lengths(data, secret(1), PARAMS, 77_777)).isEqualTo(whole);
        assertThat(whole.stream().mapToLong(Integer::longValue).sum()).isEqualTo(data.length);
    }

    @Test
    void chunkSizesStayWithinTheBoundsAndAverageNearTheTarget() throws IOException {
        byte[] data = random(8_000_000, 2);
        List<Integer> sizes = lengths(data, secret(2), PARAMS, 65536);
        for (int i = 0; i < sizes.size() - 1; i++) {
            assertThat(sizes.get(i)).isBetween(PARAMS.min(), PARAMS.max());
        }
        assertThat(sizes.get(sizes.size() - 1)).isBetween(1, PARAMS.max());
        double mean = (double) data.length / sizes.size();
        assertThat(mean).as("mean chunk size").isBetween(PARAMS.avg() * 0.7, PARAMS.avg() * 1.5);
    }

    @Test
    void incompressibleRunWithoutCutPointsIsCutAtTheMaximum() throws IOException {
        byte[] zeros = new byte[300_000];
        List<Integer> sizes = lengths(zeros, secret(3), PARAMS, 4096);
        assertThat(sizes.subList(0, sizes.size() - 1)).allMatch(s -> s == PARAMS.max());
    }

    @Test
    void insertingAByteNearTheStartKeepsMostChunks() throws IOException {
        byte[] data = random(4_000_000, 4);
        byte[] shifted = new byte[data.length + 1];
        System.arraycopy(data, 0, shifted, 0, 1000);
        shifted[1000] = 42;
        System.arraycopy(data, 1000, shifted, 1001, data.length - 1000);

        Set<String> before = new HashSet<>(chunks(data, secret(4)));
        List<String> after = chunks(shifted, secret(4));
        long kept = after.stream().filter(before::contains).count();
        assertThat(after.size()).isGreaterThan(100);
        // The chunk holding the new byte changes, and a cut point or two after it until the cuts fall in step again.
        assertThat(kept).as("chunks unchanged of " + after.size()).isGreaterThanOrEqualTo(after.size() - 5);
    }

    @Test
    void theBufferGrowsOnlyAsFarAsTheStreamNeeds() throws IOException {
        ChunkerParams defaults = ChunkerParams.DEFAULT;
        FastCdc cdc = new FastCdc(GearTable.derive(secret(7)), defaults);
        ChunkingOutputStream small = new ChunkingOutputStream(cdc, (b, off, len) -> {});
        small.write(new byte[1000]);
        small.close();
        assertThat(small.buffer().length).isEqualTo(64 * 1024);

        ChunkingOutputStream large = new ChunkingOutputStream(cdc, new byte[0], (b, off, len) -> {});
        large.write(random(20_000_000, 7));
        large.close();
        assertThat(large.buffer().length).isEqualTo(2 * defaults.max());
    }

    @Test
    void anotherSecretCutsElsewhere() throws IOException {
        byte[] data = random(1_000_000, 5);
        assertThat(lengths(data, secret(5), PARAMS, 65536)).isNotEqualTo(lengths(data, secret(6), PARAMS, 65536));
    }

    static byte[] random(int size, long seed) {
        byte[] data = new byte[size];
        new Random(seed).nextBytes(data);
        return data;
    }

    private static byte[] secret(int seed) {
        return random(32, 1000 + seed);
    }

    private static List<Integer> lengths(byte[] data, byte[] secret, ChunkerParams params, int writeSize) throws IOException {
        List<Integer> sizes = new ArrayList<>();
        try (ChunkingOutputStream out = new ChunkingOutputStream(new FastCdc(GearTable.derive(secret), params),
                (b, off, len) -> sizes.add(len))) {
            for (int off = 0; off < data.length; off += writeSize) {
                out.write(data, off, Math.min(writeSize, data.length - off));
            }
        }
        return sizes;
    }

    /** Chunk contents as hex strings of their SHA-256, to compare sets of chunks. */
    private static List<String> chunks(byte[] data, byte[] secret) throws IOException {
        List<String> ids = new ArrayList<>();
        try (ChunkingOutputStream out = new ChunkingOutputStream(new FastCdc(GearTable.derive(secret), PARAMS),
                (b, off, len) -> ids.add(ContentAddress.of(Arrays.copyOfRange(b, off, off + len))))) {
            out.write(data);
        }
        return ids;
    }
}
