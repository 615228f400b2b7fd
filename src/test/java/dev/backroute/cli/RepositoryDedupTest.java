package dev.backroute.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.backroute.catalog.Manifests;
import dev.backroute.crypto.Keyset;
import dev.backroute.testsupport.Cli;
import dev.backroute.testsupport.Installation;
import dev.backroute.testsupport.TreeAssert;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.io.OutputStream;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/** A repository type stores each distinct chunk once: the same data again adds no pack, one changed byte about one chunk. */
class RepositoryDedupTest {
    /** Small chunks, so that a couple of MiB of test data make hundreds of them. */
    private static final String SMALL_CHUNKS = "\"format\": \"repository\", \"repository\": { \"chunk_min_kib\": 1, \"chunk_avg_kib\": 4, \"chunk_max_kib\": 16 }";
    private static final int CHUNK_MAX = 16 * 1024;
    private static final int FILE_BYTES = 1024 * 1024;

    @TempDir
    Path dir;

    @ParameterizedTest(name = "encrypted={0}")
    @ValueSource(booleans = {false, true})
    void theSameDataBackedUpAgainAddsNoPackAndStoresNothing(boolean encrypt) throws Exception {
        Installation inst = install(encrypt);
        RepositoryFolder repo = RepositoryFolder.of(inst.typeFolder());

        JsonNode first = backup(inst);
        assertThat(first.get("stored_bytes").asLong()).isPositive();
        List<Path> packs = repo.packs();
        assertThat(packs).isNotEmpty();

        JsonNode second = backup(inst);
        assertThat(second.get("id").asText()).isNotEqualTo(first.get("id").asText());
        assertThat(second.get("stored_bytes").asLong()).isZero();
        assertThat(repo.packs()).isEqualTo(packs);
        assertThat(repo.snapshots()).hasSize(2);
        assertRecovers(inst);
    }

    @ParameterizedTest(name = "encrypted={0}")
    @ValueSource(booleans = {false, true})
    void oneChangedByteAddsOnePackOfAboutOneChunk(boolean encrypt) throws Exception {
        Installation inst = install(encrypt);
        RepositoryFolder repo = RepositoryFolder.of(inst.typeFolder());
        assertThat(backup(inst).get("stored_bytes").asLong()).as("the data does not compress").isGreaterThan(2L * FILE_BYTES);
        List<Path> before = repo.packs();

        flipByteKeepingTheTime(inst.source().resolve("b.bin"), FILE_BYTES / 2);
        JsonNode second = backup(inst);

        List<Path> added = new ArrayList<>(repo.packs());
        added.removeAll(before);
        assertThat(added).as("new packs").hasSize(1);
        assertThat(repo.packs()).containsAll(before);
        // The chunk holding the byte is new, and when the byte moves its cut point so are the next one or two, until
        // the content-defined cut points meet again; the stream's chunk list changed, so one chunk of the tree is new.
        // Each is at most chunk_max_kib and random data does not compress: four of them, 3 % of the data, is a
        // generous bound (with random chunker keys, 150 trials of this change stored at most 19 KiB, 4 chunks).
        long stored = second.get("stored_bytes").asLong();
        assertThat(stored).isPositive().isLessThanOrEqualTo(4L * CHUNK_MAX + 1024);
        // What the run reports is what landed: the new pack holds no more than those chunks.
        assertThat(Files.size(added.get(0))).isLessThanOrEqualTo(4L * CHUNK_MAX + 4096);
        assertRecovers(inst);
    }

    private Installation install(boolean encrypt) throws IOException {
        Installation inst = Installation.in(dir).write("zstd", encrypt, SMALL_CHUNKS);
        if (encrypt) {
            Keyset.generate(inst.keyset());
        }
        Files.createDirectories(inst.source());
        randomFile(inst.source().resolve("a.bin"), FILE_BYTES, 1);
        randomFile(inst.source().resolve("b.bin"), FILE_BYTES, 2);
        return inst;
    }

    /** A backup through the CLI, which must succeed; its entry of {@code backup --json}. */
    static JsonNode backup(Installation inst) throws IOException {
        Cli.Result r = Cli.withConfig(inst.config(), "backup", "--type", "data_files", "--force", "--json");
        assertThat(r.exitCode()).as(r.all()).isZero();
        JsonNode backup = Manifests.mapper().readTree(r.out()).at("/results/0/backups/0");
        assertThat(backup.get("format").asText()).isEqualTo("repository");
        return backup;
    }

    private void assertRecovers(Installation inst) throws IOException {
        Path out = dir.resolve("restored");
        Cli.Result recover = Cli.withConfig(inst.config(), "recover", "--backup-path", "data_files:latest", "--destination", out.toString());
        assertThat(recover.exitCode()).as(recover.all()).isZero();
        TreeAssert.assertSameTree(inst.source(), out.resolve("src"));
    }

    static void randomFile(Path file, long size, long seed) throws IOException {
        Random random = new Random(seed);
        byte[] block = new byte[1 << 20];
        try (OutputStream out = Files.newOutputStream(file)) {
            for (long left = size; left > 0; left -= block.length) {
                random.nextBytes(block);
                out.write(block, 0, (int) Math.min(block.length, left));
            }
        }
    }

    /** Changes one byte and puts the modification time back: only the change time (ctime) tells the files cache. */
    private static void flipByteKeepingTheTime(Path file, long offset) throws IOException {
        FileTime mtime = Files.getLastModifiedTime(file);
        try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "rw")) {
            f.seek(offset);
            int b = f.read();
            f.seek(offset);
            f.write(b ^ 0x01);
        }
        Files.setLastModifiedTime(file, mtime);
    }
}
