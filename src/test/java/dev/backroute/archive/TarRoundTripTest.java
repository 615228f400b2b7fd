package dev.backroute.archive;

import dev.backroute.testsupport.SampleTree;
import dev.backroute.testsupport.TreeAssert;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TarRoundTripTest {

    @TempDir
    Path temp;

    @Test
    void restoresTheSampleTreeIdentically() throws IOException {
        Path source = sampleSource();
        Archives.Written written = Archives.write(new TarRoot(source.resolve("data"), "data"));
        Path restore = Files.createDirectory(temp.resolve("restore"));

        TarSummary restored = Archives.extract(written.bytes(), restore);

        TreeAssert.assertSameTree(source, restore);
        assertThat(written.summary().problems()).isEmpty();
        assertThat(restored).isEqualTo(written.summary());
    }

    @Test
    void summaryCountsEveryKindOfEntryAndTheContentBytes() throws IOException {
        Path source = sampleSource();

        TarSummary summary = Archives.write(new TarRoot(source.resolve("data"), "data")).summary();

        // data, nested, nested/deeper, empty-dir, Amélie (2001), long + 4 below, bin, private, links
        assertThat(summary.directories()).isEqualTo(13);
        assertThat(summary.files()).isEqualTo(10);
        assertThat(summary.symlinks()).isEqualTo(4);
        assertThat(summary.contentBytes()).isGreaterThan(SampleTree.RANDOM_BYTES);
    }

    @Test
    void scanAgreesWithTheWriterWithoutCreatingAnything() throws IOException {
        Archives.Written written = Archives.write(new TarRoot(sampleSource().resolve("data"), "data"));

        assertThat(TarExtractor.scan(new ByteArrayInputStream(written.bytes()))).isEqualTo(written.summary());
    }

    @Test
    void twoBackupsOfAnUnchangedTreeAreTheSameBytes() throws IOException {
        TarRoot root = new TarRoot(sampleSource().resolve("data"), "data");

        byte[] first = Archives.write(root).bytes();
        byte[] second = Archives.write(root).bytes();

        assertThat(second).isEqualTo(first);
    }

    @Test
    void storesRootsUnderNestedNamesAndASingleFileUnderItsName() throws IOException {
        Path logs = Files.createDirectories(temp.resolve("logs"));
        Files.writeString(logs.resolve("app.out"), "started\n");
        Path config = Files.writeString(temp.resolve("settings.json"), "{}");
        Path restore = Files.createDirectory(temp.resolve("restore"));

        Archives.extract(Archives.write(new TarRoot(logs, "var/log/app"), new TarRoot(config, "etc/app.json")).bytes(), restore);

        assertThat(Archives.listing(restore)).containsExactly("etc", "etc/app.json", "var", "var/log", "var/log/app", "var/log/app/app.out");
        assertThat(restore.resolve("etc/app.json")).hasContent("{}");
    }

    @Test
    void storesAnEmptyRootDirectoryAsOneDirectoryEntry() throws IOException {
        Path empty = Files.createDirectory(temp.resolve("empty"));

        TarSummary summary = Archives.write(new TarRoot(empty, "quality_reports")).summary();

        assertThat(summary).isEqualTo(new TarSummary(0, 1, 0, 0, List.of()));
    }

    @Test
    void missingRootFailsBeforeAnythingIsWritten() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Path missing = temp.resolve("gone");
        TarWriter writer = new TarWriter(List.of(), Set.of());

        assertThatThrownBy(() -> writer.write(List.of(new TarRoot(missing, "gone")), out))
                .isInstanceOf(MissingSourceException.class)
                .hasMessage("source path " + missing + " does not exist");
        assertThat(out.size()).isZero();
    }

    @Test
    void keepsModificationTimesToTheTenthOfAMicrosecond() throws IOException {
        Path dir = Files.createDirectory(temp.resolve("dir"));
        // commons-compress writes pax mtime in 100 ns ticks, so finer digits would be lost.
        FileTime precise = FileTime.from(Instant.parse("2001-02-03T04:05:06.1234567Z"));
        Files.setLastModifiedTime(Files.writeString(dir.resolve("f"), "x"), precise);
        Path restore = Files.createDirectory(temp.resolve("restore"));

        Archives.extract(Archives.write(new TarRoot(dir, "d")).bytes(), restore);

        assertThat(Files.getLastModifiedTime(restore.resolve("d/f"))).isEqualTo(precise);
    }

    @Test
    void storesHardLinkedFilesAsIndependentRegularFiles() throws IOException {
        Path dir = Files.createDirectory(temp.resolve("dir"));
        Files.createLink(dir.resolve("second"), Files.writeString(dir.resolve("first"), "shared"));
        Path restore = Files.createDirectory(temp.resolve("restore"));

        Archives.extract(Archives.write(new TarRoot(dir, "d")).bytes(), restore);

        assertThat(restore.resolve("d/second")).hasContent("shared");
        assertThat(Files.getAttribute(restore.resolve("d/second"), "unix:nlink", LinkOption.NOFOLLOW_LINKS)).isEqualTo(1);
    }

    @Test
    void rootNamesThatTheExtractorWouldRefuseAreRejected() {
        for (String name : List.of("/abs", "a/../b", "", "a//b", "./a")) {
            assertThatThrownBy(() -> new TarRoot(temp, name)).as(name).isInstanceOf(IllegalArgumentException.class);
        }
    }

    private Path sampleSource() throws IOException {
        Path source = temp.resolve("source");
        if (!Files.exists(source)) {
            SampleTree.create(Files.createDirectories(source.resolve("data")));
        }
        return source;
    }
}
