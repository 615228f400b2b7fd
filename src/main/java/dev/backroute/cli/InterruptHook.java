package dev.backroute.cli;

import dev.backroute.Errors;
import dev.backroute.Interruption;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Ctrl-C (SIGINT) or SIGTERM during a one-shot command: within about a second the command's unfinished
 * work is undone ({@link Interruption}: staging files, copies stored without a manifest, a restore's
 * hidden folder), child programs (pg_dump, pg_restore, psql) are killed, one line says so on stderr,
 * and the process ends with status 130.
 *
 * <p>The hook does not wait for Camel's graceful shutdown: it would wait for the very backup being
 * stopped (up to the shutdown timeout). Nothing Camel holds needs it: a backup exists only once its
 * manifest is written, and no manifest is written after the interrupt. So the JVM is halted, which
 * also cuts short every other shutdown hook and the command's own thread, still running meanwhile.
 */
final class InterruptHook {
    /** The conventional status of a process stopped by Ctrl-C (128 + SIGINT); SIGTERM gets it too. */
    static final int INTERRUPTED = 130;
    /** How long a manifest being written, or a restore being moved into place, may take to finish. */
    private static final long COMMIT_WAIT_MS = 800;
    /** How long undoing may take in all: a storage target that does not answer must not hold the exit. */
    private static final long UNDO_WAIT_MS = 1500;

    private final String command;
    private volatile boolean finished;

    private InterruptHook(String command) {
        this.command = command;
    }

    static InterruptHook install(String command) {
        InterruptHook hook = new InterruptHook(command);
        Runtime.getRuntime().addShutdownHook(new Thread(hook::stop, "backroute-interrupt"));
        return hook;
    }

    /** The command has ended on its own: the exit that follows is not an interrupt. */
    void finished() {
        finished = true;
    }

    private void stop() {
        if (finished) {
            return;
        }
        String undone = undo();
        // The command's thread may be mid-line; a terminal may show a progress line.
        System.err.println((Progress.stderrIsTerminal() ? "\r\033[K" : "") + "backroute: interrupted"
                + (command == null ? "" : ": " + command + " stopped") + undone);
        System.err.flush();
        // After the undo, so that none of them can still create a file it would have removed.
        ProcessHandle.current().descendants().forEach(ProcessHandle::destroyForcibly);
        Runtime.getRuntime().halt(INTERRUPTED);
    }

    /** What became of the command's unfinished work, as the end of the one line. */
    private static String undo() {
        List<String> problems;
        try {
            problems = CompletableFuture.supplyAsync(() -> {
                try {
                    return Interruption.interrupt(COMMIT_WAIT_MS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return List.of("the undo was itself interrupted");
                }
            }).get(UNDO_WAIT_MS, TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            problems = List.of("removing it took over " + UNDO_WAIT_MS + " ms and was cut short");
        } catch (ExecutionException e) {
            problems = List.of(Errors.describe(e.getCause()));
        } catch (InterruptedException e) {
            problems = List.of("the undo was itself interrupted");
        }
        return problems.isEmpty() ? ", its unfinished work removed"
                : "; some of its unfinished work may remain: "
                + String.join("; ", problems);
    }
}
