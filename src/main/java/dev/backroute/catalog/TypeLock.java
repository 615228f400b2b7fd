package dev.backroute.catalog;

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
 * Keeps two backups of one type apart, across processes (a CLI run and the scheduler) and threads.
 * The operating system drops the lock when the process dies, so a crash never leaves a stale lock.
 */
public final class TypeLock implements AutoCloseable {
    private final FileChannel channel;
    private final FileLock lock;

    private TypeLock(FileChannel channel, FileLock lock) {
        this.channel = channel;
        this.lock = lock;
    }

    /** Takes the lock or fails at once with a message saying who holds it. */
    public static TypeLock acquire(Path backupDir, String type) throws IOException {
        return acquire(backupDir, type + ".lock", "a backup of " + type);
    }

    /**
     * The lock that keeps two drills of one type apart (each removes the scratch targets earlier drills left), taken
     * at once or refused; backups of the type go on meanwhile.
     */
    public static TypeLock drill(Path backupDir, String type) throws IOException {
        return acquire(backupDir, type + ".drill.lock", "a drill of " + type);
    }

    private static TypeLock acquire(Path backupDir, String fileName, String holder) throws IOException {
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
        return new TypeLock(ch, lock);
    }

    /** Takes the lock, waiting up to {@code wait} for its holder to let go. */
    public static TypeLock acquire(Path backupDir, String type, Duration wait) throws IOException {
        long deadline = System.nanoTime() + wait.toNanos();
        while (true) {
            try {
                return acquire(backupDir, type);
            } catch (LockedException e) {
                if (System.nanoTime() - deadline >= 0) {
                    throw e;
                }
            }
            try {
                Thread.sleep(250);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new InterruptedIOException("interrupted while waiting for the lock of " + type);
            }
        }
    }

    @Override
    public void close() throws IOException {
        try {
            lock.release();
        } finally {
            channel.close();
        }
    }

    public static final class LockedException extends IOException {
        public LockedException(String message) {
            super(message);
        }
    }
}
