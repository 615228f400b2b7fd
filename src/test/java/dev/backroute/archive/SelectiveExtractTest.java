package dev.backroute.archive;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Extracting the entries a selection picks: they, and the directories above them with their recorded modes. */
class SelectiveExtractTest {

    @TempDir
    Path dir;

    /** In walk order, as a backup writes it: every directory before what is below it. */
    private final byte[] archive = new ArchiveBuilder()
            .directory("src/").directory("src/keep/", 0750).file("src/keep/a.txt", "a").file("src/keep/b.tmp", "b")
            .directory("src/keep/deep/").file("src/keep/deep/d.txt", "d").directory("src/skip/").file("src/skip/c.txt", "c")
            .file("top.txt", "t").build();

    private EntrySelector selector(List<String> includes, List<String> excludes) {
        return new EntrySelector(new PathPatterns(includes.stream().map(PathGlob::of).toList(),
                excludes.stream().map(PathGlob::of).toList()));
    }

    @Test
    void aSelectedFileComesWithTheDirectoriesAboveItAndNothingElse() throws Exception {
        EntrySelector selector = selector(List.of("src/keep/deep/*.txt"), List.of());

        TarSummary restored = TarExtractor.extract(new ByteArrayInputStream(archive), dir, selector);

        assertThat(Archives.listing(dir)).containsExactly("src", "src/keep", "src/keep/deep", "src/keep/deep/d.txt");
        assertThat(dir.resolve("src/keep/deep/d.txt")).hasContent("d");
        // The parents are the archive's entries, with their recorded mode, not directories made up with the umask.
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve("src/keep")))).isEqualTo("rwxr-x---");
        assertThat(restored.files()).isEqualTo(1);
        assertThat(restored.directories()).isEqualTo(3);
        assertThat(restored.contentBytes()).isEqualTo(1);
        assertThat(selector.unusedIncludes()).isEmpty();
    }

    @Test
    void aSelectedDirectoryBringsEverythingBelowItButWhatIsExcluded() throws Exception {
        EntrySelector selector = selector(List.of("src/keep", "top.txt"), List.of("**/*.tmp"));

        TarExtractor.extract(new ByteArrayInputStream(archive), dir, selector);

        assertThat(Archives.listing(dir)).containsExactly("src", "src/keep", "src/keep/a.txt", "src/keep/deep",
                "src/keep/deep/d.txt", "top.txt");
    }

    @Test
    void anIncludeThatSelectsNothingIsReportedAndTheOthersAreNot() throws Exception {
        EntrySelector selector = selector(List.of("src/skip/*", "src/nope", "src/keep/b.tmp"), List.of("src/keep"));

        TarExtractor.extract(new ByteArrayInputStream(archive), dir, selector);

        assertThat(Archives.listing(dir)).containsExactly("src", "src/skip", "src/skip/c.txt");
        assertThat(selector.unusedIncludes()).map(PathGlob::toString).containsExactly("src/nope", "src/keep/b.tmp");
        assertThat(selector.selectedAny()).isTrue();
    }

    @Test
    void anArchiveCutShortInAnEntryThatIsNotSelectedIsStillRefused() {
        int header = new String(archive, java.nio.charset.StandardCharsets.ISO_8859_1).indexOf("src/skip/c.txt");
        byte[] truncated = java.util.Arrays.copyOf(archive, header + 512);

        assertThatThrownBy(() -> TarExtractor.extract(new ByteArrayInputStream(truncated), dir, selector(List.of("src/keep"),
                List.of()))).isInstanceOf(java.io.IOException.class).hasMessage("Truncated TAR archive");
    }
}
