package dev.backroute.archive;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class TarWriterFilterTest {

    @TempDir
    Path temp;
    Path data;

    @BeforeEach
    void createSource() throws IOException {
        data = Files.createDirectories(temp.resolve("data"));
        for (String file : List.of("keep.txt", "top.tmp", "x/y.tmp", "x/keep.csv", "logs/app.log", "x/deep/old.log",
                "cache/blob", "x/cache/blob", "backups/b1.tar")) {
            Files.createDirectories(data.resolve(file).getParent());
            Files.writeString(data.resolve(file), file);
        }
    }

    @Test
    void doubleStarGlobMatchesAtAnyDepthBelowTheRoot() throws IOException {
        assertThat(storedWith(List.of("**/*.tmp"), Set.of())).doesNotContain("d/top.tmp", "d/x/y.tmp").contains("d/keep.txt");
    }

    @Test
    void globWithoutSlashMatchesFileNamesAnywhere() throws IOException {
        assertThat(storedWith(List.of("*.log"), Set.of())).doesNotContain("d/logs/app.log", "d/x/deep/old.log").contains("d/logs");
    }

    @Test
    void excludedDirectoryIsNotEntered() throws IOException {
        assertThat(storedWith(List.of("cache"), Set.of()))
                .noneMatch(name -> name.contains("cache"))
                .contains("d/x/keep.csv");
    }

    @Test
    void globCanNameTheEntryOrThePathBelowTheRoot() throws IOException {
        assertThat(storedWith(List.of("d/x/cache", "logs/app.log"), Set.of()))
                .doesNotContain("d/x/cache", "d/logs/app.log").contains("d/cache/blob");
    }

    @Test
    void skipPathsAreNotEntered() throws IOException {
        Path viaDotDot = data.resolve("x/../backups");

        assertThat(storedWith(List.of(), Set.of(viaDotDot))).noneMatch(name -> name.startsWith("d/backups")).contains("d/keep.txt");
    }

    private List<String> storedWith(List<String> excludes, Set<Path> skipPaths) throws IOException {
        Path restore = Files.createDirectory(temp.resolve("restore"));
        Archives.extract(Archives.write(new TarWriter(excludes, skipPaths), new TarRoot(data, "d")).bytes(), restore);
        return Archives.listing(restore);
    }
}
