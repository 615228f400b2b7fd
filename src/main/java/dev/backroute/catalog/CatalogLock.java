package dev.backroute.catalog;

import dev.backroute.cluster.ClusterLock;
import dev.backroute.storage.OwnerOnly;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Serializes the short changes to a type's manifests that must not interleave: retention deleting a
 * backup, and validation writing its result back into the same manifest. Without it a validation that
 * read a manifest before retention deleted it would write it back, and {@code list} would show a valid
 * backup whose artifact is gone. Held for one backup's change at a time, never across a backup run; a
 * file lock keeps processes on this host apart (the operating system drops it when one dies), a
 * {@link ReentrantLock} the threads of this one, which a file lock cannot; with the cluster enabled, a
 * {@link ClusterLock} ({@code <type>.catalog}, taken after the file lock, released before it) the members.
 */
public final class CatalogLock implements AutoCloseable {
    private static final Map<Path, ReentrantLock> IN_PROCESS = new ConcurrentHashMap<>();

    private final ReentrantLock local;
    private final FileChannel channel;
    private final FileLock lock;
    private final ClusterLock cluster;

    private CatalogLock(ReentrantLock local, FileChannel channel, FileLock lock, ClusterLock cluster) {
        this.local = local;
        this.channel = channel;
        this.lock = lock;
        this.cluster = cluster;
    }

    /** Waits for the lock of {@code type}'s manifests; re-entered by a thread that holds it already. */
    public static CatalogLock acquire(Locks locks, String type) throws IOException {
        Path file = OwnerOnly.createDirectories(locks.backupDir().resolve(".locks")).resolve(type + ".catalog.lock").toAbsolutePath();
        ReentrantLock local = IN_PROCESS.computeIfAbsent(file, f -> new ReentrantLock());
        local.lock();
        if (local.getHoldCount() > 1) {
            return new CatalogLock(local, null, null, null);
        }
        FileChannel channel = null;
        try {
            channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            FileLock lock = channel.lock();
            // Closing the channel, should the cluster lock fail, releases the file lock.
            ClusterLock cluster = locks.cluster() == null ? null : ClusterLock.acquireWaiting(locks.cluster(), type + ".catalog");
            return new CatalogLock(local, channel, lock, cluster);
        } catch (IOException | RuntimeException e) {
            if (channel != null) {
                channel.close();
            }
            local.unlock();
            throw e;
        }
    }

    @Override
    public void close() throws IOException {
        try {
            if (cluster != null) {
                cluster.close();
            }
            if (lock != null) {
                try {
                    lock.release();
                } finally {
                    channel.close();
                }
            }
        } finally {
            local.unlock();
        }
    }
}
