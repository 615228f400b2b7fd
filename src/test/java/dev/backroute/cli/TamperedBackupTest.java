package dev.backroute.cli;

import dev.backroute.crypto.Keyset;
import dev.backroute.testsupport.Cli;
import dev.backroute.testsupport.Installation;
import dev.backroute.testsupport.SampleTree;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

import static org.assertj.core.api.Assertions.assertThat;

/** A changed, truncated or extended artifact, or the wrong key: validate fails and recover writes nothing. */
class TamperedBackupTest {

    @TempDir
    Path dir;

    enum Damage { FLIP_BYTE, TRUNCATE, APPEND }

    @ParameterizedTest(name = "{0} on {1}, encrypted={2}")
    @CsvSource({"FLIP_BYTE,gzip,false", "FLIP_BYTE,zstd,true", "FLIP_BYTE,none,false",
            "TRUNCATE,gzip,false", "TRUNCATE,lzma,true", "TRUNCATE,none,false",
            "APPEND,gzip,false", "APPEND,zstd,false", "APPEND,none,true"})
    void damagedArtifactFailsValidationAndRecoveryWritesNothing(Damage damage, String compression, boolean encrypt) throws Exception {
        Installation inst = Installation.in(dir).write(compression, encrypt);
        if (encrypt) {
            Keyset.generate(inst.keyset());
        }
        SampleTree.create(inst.source());
        assertThat(Cli.withConfig(inst.config(), "backup", "--type", "data_files").exitCode()).isZero();
        Path artifact = FileBackupRoundTripTest.onlyArtifact(inst.typeFolder());
        damage(artifact, damage);

        Cli.Result validate = Cli.withConfig(inst.config(), "validate", "--type", "data_files", "--latest");
        assertThat(validate.exitCode()).as(validate.all()).isEqualTo(1);
        assertThat(validate.out()).contains("INVALID").contains("modified or truncated");

        Path out = dir.resolve("restored");
        Cli.Result recover = Cli.withConfig(inst.config(), "recover", "--backup-path", "data_files:latest", "--destination", out.toString());
        assertThat(recover.exitCode()).as(recover.all()).isEqualTo(1);
        assertThat(recover.err()).startsWith("backroute: error: ").contains("modified or truncated");
        assertThat(out).doesNotExist();
        assertThat(Files.list(dir).map(p -> p.getFileName().toString())).noneMatch(n -> n.contains("restore"));
    }

    @Test
    void wrongKeySaysTheKeyDoesNotMatchAndRecoveryWritesNothing() throws Exception {
        Installation inst = Installation.in(dir).write("gzip", true);
        Keyset.generate(inst.keyset());
        SampleTree.create(inst.source());
        assertThat(Cli.withConfig(inst.config(), "backup", "--type", "data_files").exitCode()).isZero();
        Files.delete(inst.keyset());
        Keyset.generate(inst.keyset());

        Cli.Result validate = Cli.withConfig(inst.config(), "validate", "--type", "data_files", "--latest");
        assertThat(validate.exitCode()).isEqualTo(1);
        assertThat(validate.all()).contains("key does not match");

        Path out = Files.createDirectory(dir.resolve("restored"));
        Cli.Result recover = Cli.withConfig(inst.config(), "recover", "--backup-path", "data_files:latest", "--destination", out.toString());
        assertThat(recover.exitCode()).isEqualTo(1);
        assertThat(recover.err()).contains("key does not match");
        assertThat(Files.list(out)).isEmpty();
    }

    private static void damage(Path artifact, Damage damage) throws Exception {
        long size = Files.size(artifact);
        switch (damage) {
            case FLIP_BYTE -> {
                try (RandomAccessFile f = new RandomAccessFile(artifact.toFile(), "rw")) {
                    f.seek(size / 2);
                    int b = f.read();
                    f.seek(size / 2);
                    f.write(b ^ 0x01);
                }
            }
            case TRUNCATE -> {
                try (RandomAccessFile f = new RandomAccessFile(artifact.toFile(), "rw")) {
                    f.setLength(size - 17);
                }
            }
            case APPEND -> Files.write(artifact, new byte[] {0, 1, 2, 3}, StandardOpenOption.APPEND);
        }
    }
}
