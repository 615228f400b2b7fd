package dev.backroute.repository;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

class ChunkIndexTest {
    private static final String PACK_A = BlobName.pack("aa" + "0".repeat(62));
    private static final String PACK_B = BlobName.pack("bb" + "0".repeat(62));

    @Test
    void findsWhatWasPutAndNothingElse() {
        ChunkIndex index = new ChunkIndex(0);
        Random random = new Random(1);
        ChunkId[] ids = new ChunkId[100_000];
        for (int i = 0; i < ids.length; i++) {
            ids[i] = randomId(random);
            assertThat(index.put(ids[i], i % 2 == 0 ? PACK_A : PACK_B, i, i + 1)).isTrue();
        }
        assertThat(index.size()).isEqualTo(ids.length);
        for (int i = 0; i < ids.length; i += 997) {
            assertThat(index.get(ids[i])).isEqualTo(new ChunkIndex.Location(i % 2 == 0 ? PACK_A : PACK_B, i, i + 1));
        }
        assertThat(index.contains(randomId(random))).isFalse();
        assertThat(index.get(randomId(random))).isNull();
        assertThat(index.entriesPerPack()).isEqualTo(Map.of(PACK_A, 50_000, PACK_B, 50_000));
    }

    @Test
    void aChunkKeepsItsFirstLocation() {
        ChunkIndex index = new ChunkIndex(4);
        ChunkId id = randomId(new Random(2));
        index.put(id, PACK_A, 10, 20);
        assertThat(index.put(id, PACK_B, 30, 40)).isFalse();
        assertThat(index.get(id)).isEqualTo(new ChunkIndex.Location(PACK_A, 10, 20));
        assertThat(index.size()).isEqualTo(1);
    }

    @Test
    void anIndexSizedInAdvanceTakesAtMostSixtyFourBytesPerEntry() {
        ChunkIndex index = new ChunkIndex(1_000_000);
        Random random = new Random(3);
        for (int i = 0; i < 1_000_000; i++) {
            index.put(randomId(random), PACK_A, i, 1);
        }
        assertThat(index.footprintBytes() / 1_000_000.0).isLessThanOrEqualTo(64);
    }

    /** Three million entries, loaded from encrypted index files through Repository.open, in a JVM with a 256 MB heap. */
    @Test
    void threeMillionEntriesLoadInASmallHeap(@TempDir Path dir) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process p = new ProcessBuilder(java, "-Xmx256m", "-XX:+ExitOnOutOfMemoryError", "-cp", System.getProperty("java.class.path"),
                IndexMemoryProbe.class.getName(), "3000000", dir.toString())
                .redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes());
        assertThat(p.waitFor(10, TimeUnit.MINUTES)).isTrue();
        assertThat(p.exitValue()).as(output).isZero();
        assertThat(output).contains("ok entries=3000000");
        double heapPerEntry = Double.parseDouble(output.replaceAll("(?s).*heapBytesPerEntry=([0-9.]+).*", "$1"));
        assertThat(heapPerEntry).as(output).isLessThanOrEqualTo(64);
    }

    static ChunkId randomId(Random random) {
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        return ChunkId.of(bytes);
    }
}
