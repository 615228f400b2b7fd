package dev.backroute.storage;

import dev.backroute.testsupport.Cli;
import dev.backroute.testsupport.SampleTree;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A repository backup to two targets that commits on the first and then fails on the second is a failed run
 * everywhere: the snapshot it committed on the first target is forgotten, and the last good backup stays the
 * one `latest` restores.
 */
class RepositoryOnTwoTargetsFailureTest {
    @TempDir
    Path dir;

    @Test
    void aSnapshotCommittedOnTheFirstTargetIsForgottenWhenTheSecondFails() throws Exception {
        Path config = dir.resolve("backup_config.json");
        Files.writeString(config, """
                { "backup_dir": "backups", "backup_types": { "data_files": { "compression": "zstd", "format": "repository",
                    "storage": ["local", "second"], "source": { "paths": ["src"] } } },
                  "storage": { "local": { "type": "local", "path": "backups" },
                               "second": { "type": "local", "path": "second" } } }
                """);
        SampleTree.create(dir.resolve("src"));
        Cli.Result first = Cli.withConfig(config, "backup", "--type", "data_files");
        assertThat(first.exitCode()).as(first.all()).isZero();
        Path firstSnapshots = dir.resolve("backups/data_files/repository/snapshots");
        List<Path> good = snapshots(firstSnapshots);
        assertThat(good).hasSize(1);

        // The second target can no longer take a snapshot: a file where its snapshots folder was.
        Path secondSnapshots = dir.resolve("second/data_files/repository/snapshots");
        try (Stream<Path> files = Files.list(secondSnapshots)) {
            for (Path f : files.toList()) {
                Files.delete(f);
            }
        }
        Files.delete(secondSnapshots);
        Files.writeString(secondSnapshots, "not a folder");
        Files.writeString(dir.resolve("src/added.txt"), "a file the failed backup saw\n");

        Cli.Result failed = Cli.withConfig(config, "backup", "--type", "data_files", "--force");

        assertThat(failed.exitCode()).as(failed.all()).isEqualTo(1);
        assertThat(failed.err()).contains("storing on target 'second' failed");
        assertThat(snapshots(firstSnapshots)).as("the first target keeps only the good backup's snapshot").isEqualTo(good);
        Files.delete(secondSnapshots);
        Path restored = dir.resolve("restored");
        Cli.Result recover = Cli.withConfig(config, "recover", "--backup-path", "data_files:latest", "--destination", restored.toString());
        assertThat(recover.exitCode()).as(recover.all()).isZero();
        assertThat(restored.resolve("src")).isDirectory();
        assertThat(restored.resolve("src/added.txt")).doesNotExist();
    }

    private static List<Path> snapshots(Path folder) throws Exception {
        try (Stream<Path> files = Files.list(folder)) {
            return files.sorted().toList();
        }
    }
}
