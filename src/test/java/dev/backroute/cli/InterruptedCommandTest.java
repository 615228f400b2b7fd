package dev.backroute.cli;

import dev.backroute.testsupport.Cli;
import dev.backroute.testsupport.Installation;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

/**
 * Ctrl-C or SIGTERM on a command in a child JVM: it stops at once (within 5 s here, on a loaded machine),
 * removes its unfinished work, commits nothing, says so in one line and exits 130.
 */
class InterruptedCommandTest {

    @TempDir
    Path dir;

    @Test
    void ctrlCStopsABackupAtOnceAndLeavesNothingBehind() throws Exception {
        // A shell that starts a job in the background without job control makes it ignore SIGINT, and
        // the JVM (rightly) keeps it ignored; the child JVM inherits that from this one.
        assumeFalse(sigintIgnored(), "this test JVM ignores SIGINT, as a background job of a shell does; the child would too");
        interruptBackupWith("INT");
    }

    @Test
    void sigtermStopsABackupTheSameWay() throws Exception {
        interruptBackupWith("TERM");
    }

    @Test
    void sigtermStopsARestoreBeforeAnythingIsMovedIntoPlace() throws Exception {
        Installation inst = installationWithZeros(3L << 30); // a few seconds of writing to restore
        assertThat(Cli.withConfig(inst.config(), "backup", "--type", "data_files").exitCode()).isZero();
        Path restored = dir.resolve("restored");

        CliProcess cli = CliProcess.start(dir.resolve("child"), "recover", "--backup-path", "data_files:latest",
                "--destination", restored.toString(), "--config", inst.config().toString());
        awaitFile(cli, dir, ".restored.backroute-restore-");
        signal(cli, "TERM");

        assertInterrupted(cli, "TERM", "recover");
        assertThat(restored).doesNotExist();
        assertThat(filesIn(dir)).as("the hidden extraction folder").noneMatch(p -> p.getFileName().toString().contains("backroute-restore"));
    }

    @Test
    void sigtermStopsARepositoryBackupWithoutSnapshotOrSpooledPack() throws Exception {
        Installation inst = KilledRepositoryBackupTest.manyPacksOfRandomData(dir);
        RepositoryFolder repo = RepositoryFolder.of(inst.typeFolder());
        CliProcess cli = CliProcess.start(dir.resolve("child"), "backup", "--type", "data_files", "--config", inst.config().toString());
        KilledRepositoryBackupTest.awaitFirstPack(cli, repo);
        signal(cli, "TERM");

        assertInterrupted(cli, "TERM", "backup");
        assertThat(filesIn(inst.backups().resolve(".staging/data_files.packs"))).as("the pack being spooled").isEmpty();
        assertThat(repo.snapshots()).isEmpty();
        assertThat(filesIn(inst.typeFolder())).as("no manifest").extracting(p -> p.getFileName().toString()).containsExactly("repository");
    }

    @Test
    void sigtermStopsABackupWaitingOnItsTargetsUploadLimit() throws Exception {
        Installation inst = Installation.in(dir).write("none", false);
        // 4 MiB at 64 KiB/s: a minute of copying, were it not stopped.
        Files.writeString(inst.config(), Files.readString(inst.config())
                .replace("\"path\": \"backups\" }", "\"path\": \"backups\", \"limit_upload_kib\": 64 }"));
        Files.createDirectories(inst.source());
        RepositoryDedupTest.randomFile(inst.source().resolve("random.bin"), 4L << 20, 1);
        CliProcess cli = CliProcess.start(dir.resolve("child"), "backup", "--type", "data_files", "--config", inst.config().toString());
        awaitFile(cli, inst.typeFolder(), ".data_files_"); // the throttled copy has begun
        signal(cli, "TERM");

        assertInterrupted(cli, "TERM", "backup");
        assertThat(filesIn(inst.typeFolder())).as("no artifact, no manifest")
                .noneMatch(p -> p.getFileName().toString().startsWith("data_files_"));
    }

    private void interruptBackupWith(String signal) throws Exception {
        // 256 GiB: far longer to back up than this test waits.
        Installation inst = installationWithZeros(256L << 30);
        CliProcess cli = CliProcess.start(dir.resolve("child"), "backup", "--type", "data_files", "--config", inst.config().toString());
        Path staging = inst.backups().resolve(".staging");
        awaitFile(cli, staging, "data_files_");
        signal(cli, signal);

        assertInterrupted(cli, signal, "backup");
        assertThat(filesIn(staging)).as("staging").isEmpty();
        assertThat(filesIn(inst.typeFolder())).as("no artifact, no manifest, no partial copy").isEmpty();
    }

    /** A data_files type whose source is one sparse file of {@code size} zeros: no disk used to hold it. */
    private Installation installationWithZeros(long size) throws IOException {
        Installation inst = Installation.in(dir).write("gzip", false);
        Files.createDirectories(inst.source());
        try (RandomAccessFile zeros = new RandomAccessFile(inst.source().resolve("zeros.bin").toFile(), "rw")) {
            zeros.setLength(size);
        }
        return inst;
    }

    private static void signal(CliProcess cli, String signal) throws Exception {
        new ProcessBuilder("kill", "-" + signal, Long.toString(cli.process().pid())).inheritIO().start().waitFor();
    }

    private static void assertInterrupted(CliProcess cli, String signal, String command) throws Exception {
        assertThat(cli.process().waitFor(5, TimeUnit.SECONDS)).as("stopped within 5 s of SIG" + signal).isTrue();
        assertThat(cli.process().exitValue()).as(cli.stderr()).isEqualTo(InterruptHook.INTERRUPTED);
        assertThat(cli.stderr().lines().toList()).singleElement().asString()
                .isEqualTo("backroute: interrupted: " + command + " stopped, its unfinished work removed");
        assertThat(cli.stdout()).isEmpty();
    }

    /** The command has begun its work: a file named {@code prefix…} exists in {@code folder}. */
    private static void awaitFile(CliProcess cli, Path folder, String prefix) throws Exception {
        Instant deadline = Instant.now().plus(Duration.ofMinutes(2));
        while (filesIn(folder).stream().noneMatch(p -> p.getFileName().toString().startsWith(prefix))) {
            if (!cli.process().isAlive() || Instant.now().isAfter(deadline)) {
                cli.process().destroyForcibly().waitFor();
                throw new AssertionError("no " + prefix + "… appeared in " + folder + "; stderr: " + cli.stderr());
            }
            Thread.sleep(50);
        }
    }

    /** Every file in {@code folder}, hidden ones included; none when it does not exist. */
    private static List<Path> filesIn(Path folder) throws IOException {
        if (!Files.isDirectory(folder)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(folder)) {
            return files.toList();
        }
    }

    private static boolean sigintIgnored() throws IOException {
        String ignored = Files.readAllLines(Path.of("/proc/self/status")).stream().filter(l -> l.startsWith("SigIgn:"))
                .findFirst().orElseThrow().substring("SigIgn:".length()).strip();
        return (Long.parseUnsignedLong(ignored, 16) & (1L << 1)) != 0; // bit n-1 for signal n; SIGINT is 2
    }
}
