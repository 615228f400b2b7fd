package dev.backroute.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * {@code backroute run} in a child JVM, as the launcher starts it: the test gets the real option
 * defaults, config reading, logging and shutdown, and can look at the process from outside.
 */
final class RunProcess implements AutoCloseable {
    private final Process process;
    private final Path stdout;
    private final Path stderr;
    private final Path home;

    private RunProcess(Process process, Path stdout, Path stderr, Path home) {
        this.process = process;
        this.stdout = stdout;
        this.stderr = stderr;
        this.home = home;
    }

    /** Starts {@code run --config <config> <options>} with {@code env} added, and waits for its banner. */
    static RunProcess start(Path dir, Path config, Map<String, String> env, String... options) throws Exception {
        Path home = Files.createDirectories(dir.resolve("home"));
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), "-Dbackroute.home=" + home,
                "-Dbackroute.routes=" + Path.of("routes").toAbsolutePath(), "dev.backroute.cli.BackrouteCli",
                "run", "--config", config.toString()));
        command.addAll(List.of(options));
        ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile())
                .redirectOutput(dir.resolve("stdout.txt").toFile()).redirectError(dir.resolve("stderr.txt").toFile());
        builder.environment().putAll(env);
        RunProcess run = new RunProcess(builder.start(), dir.resolve("stdout.txt"), dir.resolve("stderr.txt"), home);
        run.awaitBanner();
        return run;
    }

    /** Everything the process wrote: stdout, stderr and its log file. */
    String output() throws IOException {
        Path log = home.resolve("logs/backup_system.log");
        return Files.readString(stdout) + Files.readString(stderr) + (Files.exists(log) ? Files.readString(log) : "");
    }

    private void awaitBanner() throws Exception {
        Instant deadline = Instant.now().plus(Duration.ofMinutes(2));
        while (!Files.readString(stdout).contains("health: ")) {
            if (!process.isAlive() || Instant.now().isAfter(deadline)) {
                close();
                throw new AssertionError("backroute run did not start: " + output());
            }
            Thread.sleep(200);
        }
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy(); // SIGTERM, as systemd stops it
        if (!process.waitFor(90, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor();
        }
    }
}
