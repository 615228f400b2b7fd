package dev.backroute.cli;

import dev.backroute.testsupport.Cli;
import dev.backroute.testsupport.Installation;
import dev.backroute.testsupport.SampleTree;
import dev.backroute.testsupport.TreeAssert;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** An unencrypted artifact opens with the standard tools, no Backroute needed. */
class GnuToolsCompatibilityTest {

    @TempDir
    Path dir;

    @ParameterizedTest(name = "{0} opens with tar {1}")
    @CsvSource({"gzip,-xzf", "zstd,--zstd -xf", "lzma,-xJf", "bzip2,-xjf", "none,-xf"})
    void unencryptedArtifactExtractsWithGnuTar(String compression, String tarFlags) throws Exception {
        Installation inst = Installation.in(dir).write(compression, false);
        SampleTree.create(inst.source());
        assertThat(Cli.withConfig(inst.config(), "backup", "--type", "data_files").exitCode()).isZero();
        Path artifact = FileBackupRoundTripTest.onlyArtifact(inst.typeFolder());

        Path out = Files.createDirectory(dir.resolve("tar-out"));
        List<String> cmd = new ArrayList<>(List.of("tar"));
        cmd.addAll(List.of(tarFlags.split(" ")));
        cmd.addAll(List.of(artifact.toString(), "-C", out.toString()));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes());
        assertThat(p.waitFor()).as(output).isZero();
        TreeAssert.assertSameTree(inst.source(), out.resolve("src"));
    }
}
