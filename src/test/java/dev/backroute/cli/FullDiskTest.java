package dev.backroute.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.backroute.catalog.Manifests;
import dev.backroute.testsupport.Cli;
import dev.backroute.testsupport.Installation;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** A backup that fills the disk fails cleanly: exit 1, the error says so, no artifact, earlier backups intact. */
class FullDiskTest {

    @TempDir
    Path dir;

    private Path mount;

    @AfterEach
    void unmount() throws Exception {
        if (mount != null) {
            new ProcessBuilder("umount", mount.toString()).inheritIO().start().waitFor();
        }
    }

    @Test
    void backupOntoAFullDiskFailsAndLeavesEarlierBackupsAlone() throws Exception {
        Installation inst = Installation.in(dir).write("none", false);
        Path backups = Files.createDirectories(inst.backups());
        // A 1 MiB file system for backups, as root; elsewhere this test cannot set up a full disk.
        Process p = new ProcessBuilder("mount", "-t", "tmpfs", "-o", "size=1m", "tmpfs", backups.toString()).start();
        // A failed mount fails the test rather than skipping it: a skip would hide the only full-disk check.
        assertThat(p.waitFor()).as("mount a 1 MiB tmpfs (needs root with CAP_SYS_ADMIN)").isZero();
        mount = backups;

        Files.createDirectories(inst.source());
        Files.writeString(inst.source().resolve("small.txt"), "fits");
        assertThat(Cli.withConfig(inst.config(), "backup", "--type", "data_files").exitCode()).isZero();
        List<Path> before = files(inst.typeFolder());

        byte[] big = new byte[3 << 20];
        new Random(1).nextBytes(big);
        Files.write(inst.source().resolve("big.bin"), big);
        Cli.Result r = Cli.withConfig(inst.config(), "backup", "--type", "data_files", "--force");

        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.err()).contains("backroute: error: data_files: FAILED").contains("No space left on device");
        List<Path> after = files(inst.typeFolder());
        assertThat(after).containsAll(before).hasSize(before.size() + 1);
        Path failure = after.stream().filter(f -> !before.contains(f)).findFirst().orElseThrow();
        JsonNode m = Manifests.mapper().readTree(failure.toFile());
        assertThat(m.get("success").asBoolean()).isFalse();
        try (Stream<Path> staged = Files.list(backups.resolve(".staging"))) {
            assertThat(staged).isEmpty();
        }
        assertThat(Cli.withConfig(inst.config(), "validate", "--type", "data_files", "--latest").exitCode()).isZero();
    }

    private static List<Path> files(Path folder) throws Exception {
        try (Stream<Path> s = Files.list(folder)) {
            return s.sorted().toList();
        }
    }
}
