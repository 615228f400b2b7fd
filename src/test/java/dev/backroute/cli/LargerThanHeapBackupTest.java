package dev.backroute.cli;

import dev.backroute.crypto.Keyset;
import dev.backroute.testsupport.Installation;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.BufferedOutputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Streaming proof: 1.5 GB of incompressible data backed up, validated and restored by a JVM limited to
 * a 256 MB heap, once in each storage format. Anything that buffered a whole artifact, snapshot or pack
 * would die with OutOfMemoryError.
 */
@Tag("large")
class LargerThanHeapBackupTest {
    private static final long SIZE = 1536L * 1024 * 1024;

    @TempDir
    Path dir;

    @ParameterizedTest(name = "format {0}")
    @ValueSource(strings = {"archive", "repository"})
    void backsUpValidatesAndRestoresMoreThanTheHeap(String format) throws Exception {
        Installation inst = Installation.in(dir).write("zstd", true, "\"compression_level\": 1, \"format\": \"" + format + "\"");
        Keyset.generate(inst.keyset());
        Path big = Files.createDirectories(inst.source()).resolve("vectors.bin");
        writeRandom(big, SIZE);

        assertThat(runSmallHeapCli(inst, "backup", "--type", "data_files")).isZero();
        assertThat(packsIn(inst)).as("packs in the type's repository").isEqualTo(format.equals("repository"));
        assertThat(runSmallHeapCli(inst, "validate", "--type", "data_files", "--latest")).isZero();
        Path out = dir.resolve("restored");
        assertThat(runSmallHeapCli(inst, "recover", "--backup-path", "data_files:latest", "--destination", out.toString())).isZero();

        Path restored = out.resolve("src/vectors.bin");
        assertThat(Files.size(restored)).isEqualTo(SIZE);
        assertThat(Files.mismatch(big, restored)).isEqualTo(-1L);
    }

    private static boolean packsIn(Installation inst) throws Exception {
        Path packs = inst.typeFolder().resolve("repository/data");
        if (!Files.isDirectory(packs)) {
            return false;
        }
        try (Stream<Path> files = Files.walk(packs)) {
            return files.anyMatch(Files::isRegularFile);
        }
    }

    private int runSmallHeapCli(Installation inst, String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m", "-XX:+ExitOnOutOfMemoryError", "-cp", System.getProperty("java.class.path"),
                "-Dbackroute.log.dir=" + dir.resolve("logs"), "dev.backroute.cli.BackrouteCli"));
        cmd.addAll(List.of(args));
        cmd.addAll(List.of("--config", inst.config().toString()));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true)
                .redirectOutput(dir.resolve("child-" + args[0] + ".log").toFile()).start();
        assertThat(p.waitFor(10, TimeUnit.MINUTES)).as("child JVM finished").isTrue();
        if (p.exitValue() != 0) {
            System.err.println(Files.readString(dir.resolve("child-" + args[0] + ".log")));
        }
        return p.exitValue();
    }

    private static void writeRandom(Path file, long size) throws Exception {
        SplittableRandom random = new SplittableRandom(42);
        byte[] block = new byte[1 << 20];
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file), 1 << 20)) {
            for (long done = 0; done < size; done += block.length) {
                for (int i = 0; i < block.length; i += 8) {
                    long v = random.nextLong();
                    for (int k = 0; k < 8; k++) {
                        block[i + k] = (byte) (v >>> (8 * k));
                    }
                }
                out.write(block);
            }
        }
    }
}
