package dev.backroute.archive;

import org.apache.commons.io.output.CountingOutputStream;
import org.apache.commons.io.output.NullOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** The pre-walk behind the progress percentage of file backups: close to what the archive really takes. */
class TarSizeEstimateTest {

    @TempDir
    Path temp;

    @Test
    void estimateOfManySmallFilesIsWithinTwoPercentOfTheArchiveWritten() throws IOException {
        Path data = Files.createDirectories(temp.resolve("data"));
        for (int d = 0; d < 10; d++) {
            for (int f = 0; f < 30; f++) {
                Path file = Files.createDirectories(data.resolve("dir" + d)).resolve("file" + f + ".txt");
                Files.writeString(file, "x".repeat(100 * f));
                // Sub-second times, as live files have: each entry then carries a pax record.
                Files.setLastModifiedTime(file, FileTime.from(Instant.parse("2026-01-02T03:04:05.123456Z")));
            }
        }
        Files.createSymbolicLink(data.resolve("link"), Path.of("dir0"));
        TarWriter writer = new TarWriter(List.of(), Set.of());
        List<TarRoot> roots = List.of(new TarRoot(data, "data"));

        assertThat((double) writer.estimateSize(roots)).isCloseTo(archiveSize(writer, roots), within(archiveSize(writer, roots) * 0.02));
        // What a walk into a repository reads: the files' bytes alone, 100 × (0 + … + 29) per directory.
        assertThat(writer.estimateFileBytes(roots)).isEqualTo(10 * 100 * (29 * 30 / 2));
    }

    @Test
    void excludedAndSkippedPathsAndMissingRootsCountForNothing() throws IOException {
        Path data = Files.createDirectories(temp.resolve("data"));
        Files.write(data.resolve("big.log"), new byte[4 << 20]);
        Path backups = Files.createDirectories(data.resolve("backups"));
        Files.write(backups.resolve("b1.tar"), new byte[4 << 20]);
        Files.writeString(data.resolve("keep.txt"), "kept");
        TarWriter writer = new TarWriter(List.of("*.log"), Set.of(backups));

        long estimate = writer.estimateSize(List.of(new TarRoot(data, "data"), new TarRoot(temp.resolve("gone"), "gone")));

        assertThat(estimate).isEqualTo(10 * 1024); // two entries and the end marker fit one 10 KiB record
        assertThat(writer.estimateFileBytes(List.of(new TarRoot(data, "data"), new TarRoot(temp.resolve("gone"), "gone"))))
                .isEqualTo("kept".length());
    }

    private static long archiveSize(TarWriter writer, List<TarRoot> roots) throws IOException {
        CountingOutputStream counted = new CountingOutputStream(NullOutputStream.INSTANCE);
        writer.write(roots, counted);
        return counted.getByteCount();
    }
}
