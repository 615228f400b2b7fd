package dev.backroute.archive;

import dev.backroute.testsupport.SampleTree;
import dev.backroute.testsupport.TreeAssert;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class GnuTarInteropTest {

    @TempDir
    Path temp;
    Path source;

    @BeforeEach
    void createSource() throws IOException {
        source = temp.resolve("source");
        SampleTree.create(Files.createDirectories(source.resolve("data")));
    }

    @Test
    void gnuTarExtractsOurArchiveIntoTheSameTree() throws Exception {
        Path archive = writeArchive();
        Path restore = Files.createDirectory(temp.resolve("restore"));

        gnuTar("-xf", archive.toString(), "-C", restore.toString());

        TreeAssert.assertSameTree(source, restore);
    }

    @Test
    void gnuTarListsLongAndNonAsciiNames() throws Exception {
        List<String> names = List.of(gnuTar("-tf", writeArchive().toString()).split("\n"));

        assertThat(names).contains("data/" + SampleTree.LONG_PATH, "data/Amélie (2001)/résumé.txt",
                "data/千と千尋.json", "data/empty-dir/", "data/links/千");
    }

    @Test
    void tarExtractorRestoresAnArchiveMadeByGnuTar() throws Exception {
        Path archive = temp.resolve("gnu.tar");
        gnuTar("--format=posix", "-C", source.toString(), "-cf", archive.toString(), ".");
        Path restore = Files.createDirectory(temp.resolve("restore"));

        try (InputStream in = Files.newInputStream(archive)) {
            TarExtractor.extract(in, restore);
        }

        TreeAssert.assertSameTree(source, restore);
    }

    private Path writeArchive() throws IOException {
        Path archive = temp.resolve("ours.tar");
        Files.write(archive, Archives.write(new TarRoot(source.resolve("data"), "data")).bytes());
        return archive;
    }

    private static String gnuTar(String... arguments) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("/usr/bin/tar"));
        command.addAll(List.of(arguments));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor()).as("tar %s: %s", command, output).isZero();
        return output;
    }
}
