package dev.backroute.cli;

import dev.backroute.testsupport.Installation;
import dev.backroute.testsupport.SampleTree;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The launcher's JVM: logs go to logs/ beside the launcher whatever the working folder; a one-shot
 * command shows none of them on the console, --verbose shows them all.
 */
class LoggingSetupTest {

    @TempDir
    Path dir;

    @Test
    void logsGoBesideTheInstallationAndVerboseShowsThemOnStderr() throws Exception {
        Installation inst = Installation.in(dir).write("gzip", false);
        SampleTree.create(inst.source());

        CliProcess cli = CliProcess.start(dir, "backup", "--type", "data_files", "--verbose", "--config", inst.config().toString());
        assertThat(cli.exitStatus()).as(cli.stderr()).isZero();

        assertThat(cli.stderr()).as("--verbose shows progress on stderr").contains("backup run of data_files started");
        assertThat(cli.stdout()).doesNotContain("backup run of data_files started");
        assertThat(Files.readString(cli.log())).contains("backup run of data_files started");
        assertThat(cli.workDir().resolve("logs")).doesNotExist();
    }

    @Test
    void theEntryPointAnswersACommandLineWithoutACommand() throws Exception {
        CliProcess version = CliProcess.start(dir.resolve("version"), "--version");
        assertThat(version.exitStatus()).as(version.stderr()).isZero();
        assertThat(version.stdout()).startsWith("backroute ");
        assertThat(version.stderr()).isEmpty();

        CliProcess nothing = CliProcess.start(dir.resolve("nothing"));
        assertThat(nothing.exitStatus()).as(nothing.stderr()).isEqualTo(2);
        assertThat(nothing.stderr()).contains("backroute");
    }

    @Test
    void aFailedBackupIsOneLineOnStderrWithItsDetailInTheLogFile() throws Exception {
        Installation inst = Installation.in(dir).write("gzip", false); // and no source folder

        CliProcess cli = CliProcess.start(dir, "backup", "--type", "data_files", "--config", inst.config().toString());

        assertThat(cli.exitStatus()).as(cli.stderr()).isEqualTo(1);
        assertThat(cli.stderr().lines().toList()).singleElement().asString()
                .startsWith("backroute: error: data_files: FAILED (data_files_")
                .endsWith("source path " + inst.source() + " does not exist");
        assertThat(cli.stdout()).isEmpty();
        assertThat(Files.readString(cli.log()))
                .containsPattern("WARN .*DefaultErrorHandler - Failed delivery")
                .containsPattern("ERROR .*RecordFailure - backup data_files_\\S+ failed: source path");
    }
}
