package dev.backroute;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;

/**
 * What a command stopped halfway (SIGINT, SIGTERM) must undo. Work that leaves files behind until it
 * is done (a staged artifact, copies stored without their manifest yet, a restore's hidden folder)
 * registers how to remove them as {@link Pending}. The step that makes such work real (writing its
 * manifest, moving a restore into place) runs through {@link Pending#commit} under the lock that
 * {@link #interrupt} takes: each piece of work is either committed whole before the interrupt, or
 * undone by it and never committed afterwards.
 */
public final class Interruption {
    private static final ReentrantLock LOCK = new ReentrantLock();
    private static final Set<Pending> PENDING = Collections.synchronizedSet(new LinkedHashSet<>());
    private static volatile boolean interrupted;

    private Interruption() {}

    /** Removes what unfinished work has written so far; must be safe to run more than once. */
    @FunctionalInterface
    public interface Undo {
        void run() throws IOException;
    }

    /** An action that must not start once the process is being interrupted. */
    @FunctionalInterface
    public interface Action<T> {
        T run() throws IOException;
    }

    /** Thrown instead of a commit, or of writing more work, once the process is being interrupted. */
    public static final class StoppingException extends IOException {
        StoppingException() {
            super("interrupted: the process is stopping");
        }
    }

    /** Registers {@code undo} until the returned handle is committed or closed. */
    public static Pending pending(Undo undo) {
        Pending p = new Pending(undo);
        PENDING.add(p);
        return p;
    }

    /**
     * Registers work an interrupt cannot take back (a server keeps what it was given): instead of an undo, the
     * interrupt reports {@code notice} (what may remain, what to do) among its problems, until the handle closes.
     */
    public static Pending irreversible(String notice) {
        return pending(() -> {
            throw new IOException(notice);
        });
    }

    /** Runs {@code action} (creating a file the interrupt must be able to find, say) unless the process is being interrupted. */
    public static <T> T unlessInterrupted(Action<T> action) throws IOException {
        LOCK.lock();
        try {
            check();
            return action.run();
        } finally {
            LOCK.unlock();
        }
    }

    /** Throws once the process is being interrupted: loops that write what an interrupt removes call it to stop writing. */
    public static void check() throws StoppingException {
        if (interrupted) {
            throw new StoppingException();
        }
    }

    /**
     * Stops every later commit and runs the undo of all pending work; returns the problems met, one line
     * each. Waits at most {@code waitMillis} for a commit in progress to end; if it has not, undoes
     * nothing, as the undo could take the files of the very work being committed.
     */
    public static List<String> interrupt(long waitMillis) throws InterruptedException {
        if (!LOCK.tryLock(waitMillis, TimeUnit.MILLISECONDS)) {
            interrupted = true;
            return List.of("a commit was still running after " + waitMillis + " ms, so unfinished work was left in place");
        }
        try {
            interrupted = true;
            List<Pending> undo;
            synchronized (PENDING) {
                undo = new ArrayList<>(PENDING);
            }
            List<String> problems = new ArrayList<>();
            for (Pending p : undo) {
                try {
                    p.undo.run();
                } catch (IOException | RuntimeException e) {
                    problems.add(Errors.describe(e));
                }
            }
            return problems;
        } finally {
            LOCK.unlock();
        }
    }

    /** Unfinished work, and how to undo it. */
    public static final class Pending implements AutoCloseable {
        private final Undo undo;

        private Pending(Undo undo) {
            this.undo = undo;
        }

        /** Makes the work real with {@code commit}, unless the process is being interrupted; the undo is then no longer needed. */
        public <T> T commit(Action<T> commit) throws IOException {
            return unlessInterrupted(() -> {
                T result = commit.run();
                PENDING.remove(this);
                return result;
            });
        }

        /** The work ended without being committed, and cleaned up after itself. */
        @Override
        public void close() {
            PENDING.remove(this);
        }
    }
}
