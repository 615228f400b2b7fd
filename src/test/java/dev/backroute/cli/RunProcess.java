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
    private final CliProcess cli;

    private RunProcess(CliProcess cli) {
        this.cli = cli;
    }

    /** Starts {@code run --config <config> <options>} with {@code env} added, and waits for its banner. */
    static RunProcess start(Path dir, Path config, Map<String, String> env, String... options) throws Exception {
        List<String> args = new ArrayList<>(List.of("run", "--config", config.toString()));
        args.addAll(List.of(options));
        RunProcess run = new RunProcess(CliProcess.start(dir, env, args.toArray(String[]::new)));
        run.awaitBanner();
        return run;
    }

    /** Everything the process wrote: stdout, stderr and its log file. */
    String output() throws IOException {
        return cli.stdout() + cli.stderr() + (Files.exists(cli.log()) ? Files.readString(cli.log()) : "");
    }

    private void awaitBanner() throws Exception {
        Instant deadline = Instant.now().plus(Duration.ofMinutes(2));
        while (!cli.stdout().contains("health: ")) {
            if (!cli.process().isAlive() || Instant.now().isAfter(deadline)) {
                close();
                throw new AssertionError("backroute run did not start: " + output());
            }
            Thread.sleep(200);
        }
    }

    boolean isAlive() {
        return cli.process().isAlive();
    }

    /** kill -9: no shutdown hook, no clean stop. */
    void kill() throws InterruptedException {
        cli.process().destroyForcibly().waitFor();
    }

    @Override
    public void close() throws InterruptedException {
        Process process = cli.process();
        process.destroy(); // SIGTERM, as systemd stops it
        if (!process.waitFor(90, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor();
        }
    }
}
