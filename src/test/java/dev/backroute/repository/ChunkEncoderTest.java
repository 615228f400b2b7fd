package dev.backroute.repository;

import dev.backroute.pipeline.Compression;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;

class ChunkEncoderTest {
    private static final ChunkerParams PARAMS = new ChunkerParams(4096, 16384, 65536);
    private static final RepositoryKey KEY = RepositoryKey.generate(PARAMS, true);

    /**
     * 300 chunks, half compressible and half not, written from one array the caller overwrites after each submit:
     * every blob decodes to its chunk, in submission order, so neither a copy nor a blob was reused while in use;
     * and the arrays behind them were allocated a bounded number of times (before, four per chunk: 1,200).
     */
    @ParameterizedTest
    @ValueSource(ints = {1, 2, 4})
    void chunkArraysAreReusedWithinABoundAndNeverWhileInUse(int threads) throws IOException {
        BackupOptions options = BackupOptions.of(Compression.ZSTD).withSpool(Path.of(".")).withThreads(threads);
        ChunkCodec reader = ChunkCodec.reader(KEY);
        ChunkCodec ids = new ChunkCodec(KEY, Compression.NONE, 0);
        List<byte[]> submitted = new ArrayList<>();
        List<byte[]> decoded = new ArrayList<>();
        byte[] source = new byte[PARAMS.max()];
        SplittableRandom random = new SplittableRandom(3);
        int allocated;
        try (ChunkEncoder encoder = new ChunkEncoder(KEY, options, (id, encoded, rawLength) ->
                decoded.add(reader.decode(id, encoded.blob(), 0, encoded.length(), "test")))) {
            for (int i = 0; i < 300; i++) {
                int length = PARAMS.min() + random.nextInt(PARAMS.max() - PARAMS.min());
                if (i % 2 == 0) {
                    random.nextBytes(source);
                } else {
                    Arrays.fill(source, 0, length, (byte) i);
                }
                submitted.add(Arrays.copyOf(source, length));
                encoder.submit(ids.id(source, 0, length), source, 0, length);
            }
            encoder.drain();
            allocated = encoder.arraysAllocated();
        }
        assertThat(decoded).hasSameSizeAs(submitted);
        for (int i = 0; i < submitted.size(); i++) {
            assertThat(decoded.get(i)).as("chunk %d", i).isEqualTo(submitted.get(i));
        }
        // A chunk queued holds its copy and its blob; at most 2 × threads + 1 are queued.
        assertThat(allocated).isLessThanOrEqualTo(2 * (2 * threads + 1));
    }
}
