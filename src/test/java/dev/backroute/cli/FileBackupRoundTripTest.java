package dev.backroute.cli;

import dev.backroute.crypto.Keyset;
import dev.backroute.testsupport.Cli;
import dev.backroute.testsupport.Installation;
import dev.backroute.testsupport.RepositoryBackups;
import dev.backroute.testsupport.SampleTree;
import dev.backroute.testsupport.TreeAssert;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every compression, with and without encryption, as an archive and in the type's repository: backup then
 * recover gives back the same tree.
 */
class FileBackupRoundTripTest {

    @TempDir
    Path dir;

    @ParameterizedTest(name = "{0}, encrypted={1}")
    @CsvSource({"gzip,false", "gzip,true", "bzip2,false", "bzip2,true", "lzma,false", "lzma,true",
            "zstd,false", "zstd,true", "none,false", "none,true"})
    void recoveredTreeEqualsTheSourceByteForByteWithModesTimesAndLinks(String compression, boolean encrypt) throws Exception {
        Installation inst = Installation.in(dir).write(compression, encrypt);
        if (encrypt) {
            Keyset.generate(inst.keyset());
        }
        SampleTree.create(inst.source());

        Cli.Result backup = Cli.withConfig(inst.config(), "backup", "--type", "data_files");
        assertThat(backup.exitCode()).as(backup.all()).isZero();
        assertThat(backup.out()).contains("data_files: backed up data_files_");

        Path artifact = onlyArtifact(inst.typeFolder());
        String ext = ".tar" + switch (compression) {
            case "gzip" -> ".gz";
            case "bzip2" -> ".bz2";
            case "lzma" -> ".xz";
            case "zstd" -> ".zst";
            default -> "";
        } + (encrypt ? ".enc" : "");
        assertThat(artifact.getFileName().toString()).endsWith(ext);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(artifact))).isEqualTo("rw-------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(inst.typeFolder()))).isEqualTo("rwx------");

        assertRecoversTheSourceAndValidates(inst);
    }

    @ParameterizedTest(name = "{0}, encrypted={1}")
    @CsvSource({"zstd,false", "zstd,true", "gzip,true", "none,false"})
    void aTreeKeptInTheRepositoryRecoversByteForByteAndValidates(String compression, boolean encrypt) throws Exception {
        Installation inst = Installation.in(dir).write(compression, encrypt, RepositoryBackups.SMALL_CHUNKS);
        if (encrypt) {
            Keyset.generate(inst.keyset());
        }
        SampleTree.create(inst.source());

        Cli.Result backup = Cli.withConfig(inst.config(), "backup", "--type", "data_files");
        assertThat(backup.exitCode()).as(backup.all()).isZero();
        RepositoryBackups.assertLatestInRepositoryOn(inst.config(), "data_files", "local");
        assertThat(inst.typeFolder().resolve("repository/data")).isDirectory();
        assertRecoversTheSourceAndValidates(inst);
        if (encrypt) {
            RepositoryBackups.assertKeyWrapped(inst.config(), "data_files", "local");
            RepositoryBackups.assertUnreadableWithoutKeyset(inst.config(), "data_files", dir.resolve("without-keyset"));
        }
    }

    private void assertRecoversTheSourceAndValidates(Installation inst) throws Exception {
        Path out = dir.resolve("restored");
        Cli.Result recover = Cli.withConfig(inst.config(), "recover", "--backup-path", "data_files:latest", "--destination", out.toString());
        assertThat(recover.exitCode()).as(recover.all()).isZero();
        TreeAssert.assertSameTree(inst.source(), out.resolve("src"));

        Cli.Result validate = Cli.withConfig(inst.config(), "validate", "--type", "data_files", "--latest");
        assertThat(validate.exitCode()).as(validate.all()).isZero();
        assertThat(validate.out()).contains(" on local: valid");
    }

    static Path onlyArtifact(Path typeFolder) throws Exception {
        try (Stream<Path> files = Files.list(typeFolder)) {
            return files.filter(p -> !p.getFileName().toString().endsWith(".manifest.json"))
                    .filter(p -> !p.getFileName().toString().startsWith("."))
                    .reduce((a, b) -> { throw new AssertionError("more than one artifact: " + a + ", " + b); })
                    .orElseThrow();
        }
    }
}
