package dev.backroute.cli;

import dev.backroute.crypto.Keyset;
import dev.backroute.testsupport.Cli;
import dev.backroute.testsupport.Installation;
import dev.backroute.testsupport.SampleTree;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import static org.assertj.core.api.Assertions.assertThat;

/** A keyset file others can read is refused, as ssh refuses such private keys, with the chmod that fixes it. */
class SharedKeysetRefusedTest {
    @TempDir
    Path dir;

    @Test
    void backupAndValidateRefuseAKeysetReadableByOthers() throws Exception {
        Installation inst = Installation.in(dir).write("gzip", true);
        Keyset.generate(inst.keyset());
        SampleTree.create(inst.source());
        assertThat(Cli.withConfig(inst.config(), "backup", "--type", "data_files").exitCode()).isZero();
        Files.setPosixFilePermissions(inst.keyset(), PosixFilePermissions.fromString("rw-r--r--"));
        String refusal = "encryption keyset file " + inst.keyset() + " is readable by others (mode 0644): run chmod 600 " + inst.keyset();

        Cli.Result backup = Cli.withConfig(inst.config(), "backup", "--type", "data_files", "--force");
        assertThat(backup.exitCode()).as(backup.all()).isEqualTo(ExitCodes.USAGE);
        assertThat(backup.err()).isEqualTo("backroute: error: " + refusal + System.lineSeparator());

        Cli.Result validate = Cli.withConfig(inst.config(), "validate", "--type", "data_files", "--latest");
        assertThat(validate.exitCode()).as(validate.all()).isNotZero();
        assertThat(validate.all()).contains(refusal);
    }
}
