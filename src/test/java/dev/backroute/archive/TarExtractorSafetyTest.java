package dev.backroute.archive;

import org.apache.commons.compress.archivers.tar.TarConstants;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.params.provider.Arguments.arguments;

class TarExtractorSafetyTest {

    /** Outside every restore directory; escaping entries aim here. Static: the archive cases are. */
    @TempDir
    static Path sentinel;

    @TempDir
    Path temp;
    Path restore;

    @BeforeEach
    void createDirectories() throws IOException {
        restore = Files.createDirectories(temp.resolve("work/restore"));
        Files.writeString(sentinel.resolve("keep"), "untouched");
    }

    static Stream<Arguments> unsafeArchives() {
        return Stream.of(
                arguments("../evil", new ArchiveBuilder().file("../evil", "x")),
                arguments("/etc/evil", new ArchiveBuilder().file("/etc/evil", "x")),
                arguments("a/../../evil", new ArchiveBuilder().file("a/../../evil", "x")),
                arguments("link", new ArchiveBuilder().symlink("link", "/etc")),
                arguments("link", new ArchiveBuilder().symlink("link", "../../x")),
                arguments("sub/link", new ArchiveBuilder().directory("sub/").symlink("sub/link", "../../x")),
                arguments("dir/../../evil", new ArchiveBuilder().symlink("dir", ".").file("dir/../../evil", "x")),
                arguments("escape", new ArchiveBuilder().symlink("escape", sentinel.toString()).file("escape/pwned", "x")),
                arguments("e", new ArchiveBuilder().symlink("d", ".").symlink("e", "d/..")),
                arguments("inside/pwned", new ArchiveBuilder().directory("sub/").symlink("inside", "sub").file("inside/pwned", "x")),
                arguments("inside/deeper/", new ArchiveBuilder().directory("sub/").symlink("inside", "sub").directory("inside/deeper/")),
                arguments("hard", new ArchiveBuilder().hardLink("hard", "../outside")),
                arguments("hard", new ArchiveBuilder().hardLink("hard", "/etc/passwd")),
                arguments("hard", new ArchiveBuilder().symlink("sub/s", "../x").hardLink("hard", "sub/s")),
                arguments("dir", new ArchiveBuilder().directory("dir/").file("dir", "x")),
                arguments("dir", new ArchiveBuilder().file("dir/child", "x").symlink("dir", ".")),
                arguments("tty", new ArchiveBuilder().special("tty", TarConstants.LF_CHR)),
                arguments("disk", new ArchiveBuilder().special("disk", TarConstants.LF_BLK)),
                arguments("pipe", new ArchiveBuilder().special("pipe", TarConstants.LF_FIFO)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("unsafeArchives")
    void extractRefusesTheEntryAndCreatesNothingOutside(String entry, ArchiveBuilder archive) throws IOException {
        List<String> outsideBefore = Archives.listing(temp);

        assertThatThrownBy(() -> Archives.extract(archive.build(), restore))
                .isInstanceOfSatisfying(UnsafeEntryException.class, e -> assertThat(e.entryName()).isEqualTo(entry))
                .hasMessageStartingWith("archive entry '" + entry + "' ")
                .hasMessageEndingWith("; nothing was restored");

        assertThat(Archives.listing(temp)).filteredOn(p -> !p.startsWith("work/restore/")).isEqualTo(outsideBefore);
        assertThat(Archives.listing(sentinel)).containsExactly("keep");
        assertThat(Path.of("/etc/evil")).doesNotExist();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("unsafeArchives")
    void scanRefusesTheSameArchives(String entry, ArchiveBuilder archive) {
        assertThatThrownBy(() -> TarExtractor.scan(new ByteArrayInputStream(archive.build())))
                .isInstanceOfSatisfying(UnsafeEntryException.class, e -> assertThat(e.entryName()).isEqualTo(entry));
    }

    @Test
    void linksThatStayInsideAreRestored() throws IOException {
        byte[] archive = new ArchiveBuilder()
                .file("./top.txt", "top")
                .symlink("a/b/up", "../../top.txt")
                .symlink("a/here", ".")
                .hardLink("a/hard", "top.txt")
                .build();

        TarSummary summary = Archives.extract(archive, restore);

        assertThat(restore.resolve("a/b/up")).hasContent("top");
        assertThat(Files.isSameFile(restore.resolve("a/hard"), restore.resolve("top.txt"))).isTrue();
        assertThat(summary).isEqualTo(new TarSummary(2, 0, 2, 3, List.of()));
    }

    @Test
    void laterEntryForTheSamePathWinsWithoutWritingThroughTheEarlierOne() throws IOException {
        byte[] archive = new ArchiveBuilder()
                .file("target", "original")
                .symlink("name", "target")
                .file("name", "replacement")
                .hardLink("shared", "target")
                .file("shared", "new content")
                .build();

        Archives.extract(archive, restore);

        assertThat(Files.isSymbolicLink(restore.resolve("name"))).isFalse();
        assertThat(restore.resolve("name")).hasContent("replacement");
        assertThat(restore.resolve("shared")).hasContent("new content");
        assertThat(restore.resolve("target")).hasContent("original");
    }

    @Test
    void truncatedArchivesFailExtractAndScan() {
        byte[] archive = new ArchiveBuilder().file("a", "x".repeat(600)).file("b", "y").build();
        // header a (512), data a (1024), header b (512), data b (512), end marker (1024)
        for (int length : new int[]{0, 100, 512 + 300, 1536, 1536 + 100, 2048 + 1, 3072 - 1024}) {
            byte[] truncated = Arrays.copyOf(archive, length);
            assertThatThrownBy(() -> TarExtractor.scan(new ByteArrayInputStream(truncated)))
                    .as("scan of %d bytes", length).isInstanceOf(IOException.class);
            assertThatThrownBy(() -> TarExtractor.extract(new ByteArrayInputStream(truncated), emptyDirectory(length)))
                    .as("extract of %d bytes", length).isInstanceOf(IOException.class);
        }
    }

    @Test
    void readsTheInputToItsEndPastTheEndMarker() throws IOException {
        byte[] archive = new ArchiveBuilder().file("a", "x").build();
        byte[] padded = Arrays.copyOf(archive, archive.length + 20 * 512);
        ByteArrayInputStream scanned = new ByteArrayInputStream(padded);
        ByteArrayInputStream extracted = new ByteArrayInputStream(padded);

        TarExtractor.scan(scanned);
        TarExtractor.extract(extracted, restore);

        assertThat(scanned.available()).isZero();
        assertThat(extracted.available()).isZero();
    }

    @Test
    void refusesARestoreDirectoryThatIsNotEmpty() throws IOException {
        Files.writeString(restore.resolve("already"), "here");
        byte[] archive = new ArchiveBuilder().file("a", "x").build();

        assertThatThrownBy(() -> Archives.extract(archive, restore)).isInstanceOf(DirectoryNotEmptyException.class);
    }

    private Path emptyDirectory(int name) throws IOException {
        return Files.createDirectory(temp.resolve("truncated-" + name));
    }
}
