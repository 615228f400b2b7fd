package dev.backroute.storage;

import dev.backroute.testsupport.Tampering;
import dev.backroute.testsupport.Cli;
import dev.backroute.testsupport.SampleTree;
import dev.backroute.testsupport.TreeAssert;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** Two local targets on one file system hold two copies: damaging one leaves the other whole, and recovery uses it. */
class LocalTargetsKeepSeparateCopiesTest {
    @TempDir
    Path dir;

    @Test
    void aFlippedByteInTheFirstTargetLeavesTheSecondValidAndLatestRecoversFromIt() throws Exception {
        Path config = dir.resolve("backup_config.json");
        Files.writeString(config, """
                { "backup_dir": "backups", "backup_types": { "data_files": { "compression": "gzip",
                    "storage": ["local", "second"], "source": { "paths": ["src"] } } },
                  "storage": { "local": { "type": "local", "path": "backups" },
                               "second": { "type": "local", "path": "second" } } }
                """);
        SampleTree.create(dir.resolve("src"));
        Cli.Result backup = Cli.withConfig(config, "backup", "--type", "data_files");
        assertThat(backup.exitCode()).as(backup.all()).isZero();
        Path first = artifactIn(dir.resolve("backups/data_files"));
        Path second = artifactIn(dir.resolve("second/data_files"));

        assertThat(Files.getAttribute(first, "unix:ino")).isNotEqualTo(Files.getAttribute(second, "unix:ino"));
        assertThat(Files.readAllBytes(first)).isEqualTo(Files.readAllBytes(second));

        Tampering.flipMiddleByte(first);
        Cli.Result validate = Cli.withConfig(config, "validate", "--type", "data_files", "--latest");
        assertThat(validate.out()).contains("on local: INVALID").contains("on second: valid");

        Path restored = dir.resolve("restored");
        Cli.Result recover = Cli.withConfig(config, "recover", "--backup-path", "data_files:latest", "--destination", restored.toString());
        assertThat(recover.exitCode()).as(recover.all()).isZero();
        TreeAssert.assertSameTree(dir.resolve("src"), restored.resolve("src"));
    }

    private static Path artifactIn(Path folder) throws Exception {
        try (Stream<Path> files = Files.list(folder)) {
            return files.filter(p -> p.toString().endsWith(".tar.gz")).findFirst().orElseThrow();
        }
    }

}
