package dev.backroute.catalog;

import dev.backroute.cluster.ClusterLock;
import dev.backroute.storage.OwnerOnly;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;

/**
 * Keeps two backups of one type apart, across processes (a CLI run and the scheduler) and threads, and with the
 * cluster enabled across its members too ({@link ClusterLock}, taken after the file lock and released before it).
 * The operating system drops the file lock when the process dies, and the cluster database the cluster lock when the
 * holder's session ends, so a crash never leaves a stale lock.
 */
public final class TypeLock implements AutoCloseable {
    private final FileChannel channel;
    private final FileLock lock;
    /** Null when this host is no cluster member. */
    private final ClusterLock cluster;

    private TypeLock(FileChannel channel, FileLock lock, ClusterLock cluster) {
        this.channel = channel;
        this.lock = lock;
        this.cluster = cluster;
    }

    /** Takes the lock or fails at once with a message saying who holds it. */
    public static TypeLock acquire(Locks locks, String type) throws IOException {
        return acquire(locks, type, "a backup of " + type, Duration.ZERO);
    }

    /**
     * The lock that keeps two drills of one type apart (each removes the scratch targets earlier drills left), taken
     * at once or refused; backups of the type go on meanwhile.
     */
    public static TypeLock drill(Locks locks, String type) throws IOException {
        return acquire(locks, type + ".drill", "a drill of " + type, Duration.ZERO);
    }

    /** The lock that keeps two prunes of one type apart, waiting up to {@code wait} for its holder to let go. */
    public static TypeLock prune(Locks locks, String type, Duration wait) throws IOException {
        return acquire(locks, type + ".prune", "a prune of " + type, wait);
    }

    /** Takes the lock, waiting up to {@code wait} for its holder to let go. */
    public static TypeLock acquire(Locks locks, String type, Duration wait) throws IOException {
        return acquire(locks, type, "a backup of " + type, wait);
    }

    /** The file lock {@code <name>.lock}, then the cluster lock {@code name}, within the same {@code wait}. */
    private static TypeLock acquire(Locks locks, String name, String holder, Duration wait) throws IOException {
        long deadline = System.nanoTime() + wait.toNanos();
        TypeLock local = onThisHost(locks.backupDir(), name, holder, deadline);
        if (locks.cluster() == null) {
            return local;
        }
        try {
            Duration left = Duration.ofNanos(Math.max(0, deadline - System.nanoTime()));
            return new TypeLock(local.channel, local.lock, ClusterLock.acquire(locks.cluster(), name, holder, left));
        } catch (ClusterLock.Held e) {
            local.close();
            throw new LockedException(e.getMessage());
        } catch (IOException | RuntimeException e) {
            local.close();
            throw e;
        }
    }

    private static TypeLock onThisHost(Path backupDir, String name, String holder, long deadline) throws IOException {
        while (true) {
            try {
                return tryFile(backupDir, name + ".lock", holder);
            } catch (LockedException e) {
                if (System.nanoTime() - deadline >= 0) {
                    throw e;
                }
            }
            try {
                Thread.sleep(250);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new InterruptedIOException("interrupted while waiting for the lock of " + name);
            }
        }
    }

    private static TypeLock tryFile(Path backupDir, String fileName, String holder) throws IOException {
        Path dir = OwnerOnly.createDirectories(backupDir.resolve(".locks"));
        Path file = dir.resolve(fileName);
        FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        FileLock lock;
        try {
            lock = ch.tryLock();
        } catch (OverlappingFileLockException e) {
            lock = null;
        } catch (IOException e) {
            ch.close();
            throw e;
        }
        if (lock == null) {
            ch.close();
            throw new LockedException(holder + " is already running (lock " + file
                    + " is held); wait for it to finish");
        }
        return new TypeLock(ch, lock, null);
    }

    /**
     * Whether the lock is still this holder's: false once released, or once the cluster lock's session broke (another
     * member may hold it now), so work done under the lock must not be committed.
     */
    public boolean held() {
        return lock.isValid() && (cluster == null || cluster.held());
    }

    @Override
    public void close() throws IOException {
        try {
            if (cluster != null) {
                cluster.close();
            }
        } finally {
            try {
                lock.release();
            } finally {
                channel.close();
            }
        }
    }

    public static final class LockedException extends IOException {
        public LockedException(String message) {
            super(message);
        }
    }
}
