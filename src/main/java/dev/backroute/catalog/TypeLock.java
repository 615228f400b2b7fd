package dev.backroute.catalog;

import dev.backroute.storage.OwnerOnly;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

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
        Path dir = OwnerOnly.createDirectories(backupDir.resolve(".locks"));
        Path file = dir.resolve(type + ".lock");
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
            throw new LockedException("a backup of " + type + " is already running (lock " + file
                    + " is held); wait for it to finish");
        }
        return new TypeLock(ch, lock);
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
