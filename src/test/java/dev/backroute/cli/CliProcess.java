package dev.backroute.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A one-shot command in a child JVM, as the launcher starts it: the test gets the real logging set-up,
 * signal handling and exit status. The child's home (its logs/) is {@code <dir>/home}, its working
 * folder {@code <dir>/work}; its stdout and stderr go to files in {@code dir}.
 */
final class CliProcess {
    private final Process process;
    private final Path dir;

    private CliProcess(Process process, Path dir) {
        this.process = process;
        this.dir = dir;
    }

    static CliProcess start(Path dir, String... args) throws IOException {
        return start(dir, Map.of(), args);
    }

    /** As {@link #start(Path, String...)}, with {@code env} added to the child's environment. */
    static CliProcess start(Path dir, Map<String, String> env, String... args) throws IOException {
        return start(dir, Path.of("routes"), env, args);
    }

    /** As {@link #start(Path, Map, String...)}, with the routes of {@code routes} instead of the project's. */
    static CliProcess start(Path dir, Path routes, Map<String, String> env, String... args) throws IOException {
        Path home = Files.createDirectories(dir.resolve("home"));
        Path work = Files.createDirectories(dir.resolve("work"));
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), "-Dbackroute.home=" + home,
                "-Dbackroute.routes=" + routes.toAbsolutePath(), "dev.backroute.cli.BackrouteCli"));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).directory(work.toFile())
                .redirectOutput(dir.resolve("stdout.txt").toFile()).redirectError(dir.resolve("stderr.txt").toFile());
        builder.environment().putAll(env);
        return new CliProcess(builder.start(), dir);
    }

    Process process() {
        return process;
    }

    Path home() {
        return dir.resolve("home");
    }

    Path workDir() {
        return dir.resolve("work");
    }

    Path log() {
        return home().resolve("logs/backup_system.log");
    }

    String stdout() throws IOException {
        return Files.readString(dir.resolve("stdout.txt"));
    }

    /** What the command wrote to stdout, as bytes (a dump's data). */
    byte[] stdoutBytes() throws IOException {
        return Files.readAllBytes(dir.resolve("stdout.txt"));
    }

    String stderr() throws IOException {
        return Files.readString(dir.resolve("stderr.txt"));
    }

    /** Waits for the command to end (at most two minutes, a slow start on a loaded machine included) and returns its status. */
    int exitStatus() throws Exception {
        if (!process.waitFor(2, TimeUnit.MINUTES)) {
            process.destroyForcibly().waitFor();
            throw new AssertionError("the command did not end within two minutes; stderr: " + stderr());
        }
        return process.exitValue();
    }
}
