package dev.backroute.cli;

import dev.backroute.testsupport.Installation;
import dev.backroute.testsupport.SampleTree;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** The launcher's JVM: logs go to logs/ beside the launcher whatever the working folder, and --verbose shows them. */
class LoggingSetupTest {

    @TempDir
    Path dir;

    @Test
    void logsGoBesideTheInstallationAndVerboseShowsThemOnStderr() throws Exception {
        Installation inst = Installation.in(dir).write("gzip", false);
        SampleTree.create(inst.source());
        Path home = Files.createDirectories(dir.resolve("home"));
        Path elsewhere = Files.createDirectories(dir.resolve("elsewhere"));

        Process p = new ProcessBuilder(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), "-Dbackroute.home=" + home, "-Dbackroute.routes=" + Path.of("routes").toAbsolutePath(),
                "dev.backroute.cli.BackrouteCli",
                "backup", "--type", "data_files", "--verbose", "--config", inst.config().toString()))
                .directory(elsewhere.toFile())
                .redirectOutput(dir.resolve("stdout.txt").toFile())
                .redirectError(dir.resolve("stderr.txt").toFile())
                .start();
        assertThat(p.waitFor(2, TimeUnit.MINUTES)).as("child JVM finished").isTrue();
        String stderr = Files.readString(dir.resolve("stderr.txt"));
        assertThat(p.exitValue()).as(stderr).isZero();

        assertThat(stderr).as("--verbose shows progress on stderr").contains("backup run of data_files started");
        assertThat(Files.readString(dir.resolve("stdout.txt"))).doesNotContain("backup run of data_files started");
        assertThat(Files.readString(home.resolve("logs/backup_system.log"))).contains("backup run of data_files started");
        assertThat(elsewhere.resolve("logs")).doesNotExist();
    }
}
