package dev.backroute.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.backroute.catalog.Manifests;
import dev.backroute.testsupport.Cli;
import dev.backroute.testsupport.Installation;
import dev.backroute.testsupport.TreeAssert;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A local target with limit_upload_kib and limit_download_kib: a backup cannot store its bytes faster than the
 * upload limit, nor a recover read them faster than the download limit, and what is recovered is what was backed up;
 * the limits change nothing else about the target.
 * Only lower bounds are asserted: the limit allows at most one second's worth beyond the rate, so N bytes at R
 * bytes per second take at least N / R - 1 seconds however fast or slow the machine is.
 */
class BandwidthLimitTest {
    private static final int KIB_PER_SECOND = 1024;
    private static final long RATE = KIB_PER_SECOND * 1024L;
    private static final long FILE_BYTES = 5L * RATE / 2;

    @TempDir
    Path dir;

    @ParameterizedTest(name = "format={0}")
    @ValueSource(strings = {"archive", "repository"})
    void aLimitedTargetStoresAndReturnsTheBytesNoFasterThanItsLimits(String format) throws IOException {
        Installation inst = Installation.in(dir).write("none", false,
                "\"format\": \"" + format + "\"" + (format.equals("repository") ? ", \"repository\": { \"upload_connections\": 4 }" : ""));
        Files.writeString(inst.config(), Files.readString(inst.config()).replace("\"path\": \"backups\" }",
                "\"path\": \"backups\", \"limit_upload_kib\": " + KIB_PER_SECOND + ", \"limit_download_kib\": " + KIB_PER_SECOND + " }"));
        Files.createDirectories(inst.source());
        RepositoryDedupTest.randomFile(inst.source().resolve("random.bin"), FILE_BYTES, 7);

        long start = System.nanoTime();
        Cli.Result backup = Cli.withConfig(inst.config(), "backup", "--type", "data_files", "--force", "--json");
        Duration backupTook = Duration.ofNanos(System.nanoTime() - start);
        assertThat(backup.exitCode()).as(backup.all()).isZero();
        JsonNode stored = Manifests.mapper().readTree(backup.out()).at("/results/0/backups/0");
        assertThat(stored.get("format").asText()).isEqualTo(format);
        long storedBytes = stored.get("stored_bytes").asLong();
        assertThat(storedBytes).as("random data does not compress").isGreaterThanOrEqualTo(FILE_BYTES);
        assertThat(backupTook).isGreaterThanOrEqualTo(leastTimeFor(storedBytes));

        Path out = dir.resolve("restored");
        start = System.nanoTime();
        Cli.Result recover = Cli.withConfig(inst.config(), "recover", "--backup-path", "data_files:latest",
                "--destination", out.toString());
        Duration recoverTook = Duration.ofNanos(System.nanoTime() - start);
        assertThat(recover.exitCode()).as(recover.all()).isZero();
        TreeAssert.assertSameTree(inst.source(), out.resolve("src"));
        assertThat(recoverTook).as("a recover reads at least the file's bytes").isGreaterThanOrEqualTo(leastTimeFor(FILE_BYTES));
    }

    @Test
    void aLimitedLocalTargetInsideTheSourceIsStillLeftOutOfTheBackup() throws IOException {
        Installation inst = Installation.in(dir).write("none", false);
        Files.writeString(inst.config(), Files.readString(inst.config())
                .replace("\"path\": \"backups\" }", "\"path\": \"store\", \"limit_upload_kib\": 102400 }")
                .replace("\"paths\": [\"src\"]", "\"paths\": [\".\"]"));
        Files.createDirectories(inst.source());
        Files.writeString(inst.source().resolve("a.txt"), "a");
        // The second backup finds the first one's files in the target's folder, inside the source.
        for (int i = 0; i < 2; i++) {
            Cli.Result backup = Cli.withConfig(inst.config(), "backup", "--type", "data_files", "--force");
            assertThat(backup.exitCode()).as(backup.all()).isZero();
        }

        Path out = dir.resolve("restored");
        Cli.Result recover = Cli.withConfig(inst.config(), "recover", "--backup-path", "data_files:latest",
                "--destination", out.toString());
        assertThat(recover.exitCode()).as(recover.all()).isZero();
        try (Stream<Path> restored = Files.walk(out)) {
            List<String> names = restored.map(p -> p.getFileName().toString()).toList();
            assertThat(names).contains("a.txt").doesNotContain("store");
        }
    }

    private static Duration leastTimeFor(long bytes) {
        return Duration.ofNanos(bytes * 1_000_000_000L / RATE).minusSeconds(1);
    }
}
