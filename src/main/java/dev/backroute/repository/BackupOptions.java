package dev.backroute.repository;

import dev.backroute.pipeline.Compression;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/**
 * How a backup writes: the type's compression and level (applied per chunk), the pack size it aims for, the
 * folder where packs are spooled before upload (the pack being written and those being uploaded: at most
 * about {@code (uploads + 1) × packSize} on disk), how many threads compress and seal chunks (the type's
 * {@code compression_threads}) and how many packs are uploaded at once.
 */
public record BackupOptions(Compression compression, int level, int packSize, Path spool, int threads, int uploads,
        Duration lockWait) {
    public static final int DEFAULT_PACK_SIZE = 32 * 1024 * 1024;
    public static final int DEFAULT_UPLOADS = 2;
    /** How long a backup waits for a prune's exclusive lock by default: a prune of a large repository takes a while. */
    public static final Duration DEFAULT_LOCK_WAIT = Duration.ofHours(1);
    /** Offsets in a pack are ints; well below that, a pack stays one comfortable upload. */
    static final int MAX_PACK_SIZE = 1024 * 1024 * 1024;

    public BackupOptions {
        Objects.requireNonNull(compression, "compression");
        Objects.requireNonNull(spool, "spool");
        Objects.requireNonNull(lockWait, "lockWait");
        if (compression != Compression.NONE && !compression.acceptsLevel(level)) {
            throw new IllegalArgumentException(compression.configName() + " level must be " + compression.minLevel() + "-"
                    + compression.maxLevel() + ", got " + level);
        }
        if (uploads < 1) {
            throw new IllegalArgumentException("uploads must be at least 1, got " + uploads);
        }
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be at least 1, got " + threads);
        }
        if (packSize < 1 || packSize > MAX_PACK_SIZE) {
            throw new IllegalArgumentException("pack size must be 1 byte to " + MAX_PACK_SIZE + " bytes, got " + packSize);
        }
    }

    /**
     * The compression's default level, {@value #DEFAULT_PACK_SIZE}-byte packs spooled in the system's temporary
     * folder, one thread.
     */
    public static BackupOptions of(Compression compression) {
        return new BackupOptions(compression, compression.defaultLevel(), DEFAULT_PACK_SIZE,
                Path.of(System.getProperty("java.io.tmpdir")), 1, DEFAULT_UPLOADS, DEFAULT_LOCK_WAIT);
    }

    public BackupOptions withPackSize(int bytes) {
        return new BackupOptions(compression, level, bytes, spool, threads, uploads, lockWait);
    }

    public BackupOptions withSpool(Path folder) {
        return new BackupOptions(compression, level, packSize, folder, threads, uploads, lockWait);
    }

    public BackupOptions withUploads(int count) {
        return new BackupOptions(compression, level, packSize, spool, threads, count, lockWait);
    }

    public BackupOptions withLockWait(Duration wait) {
        return new BackupOptions(compression, level, packSize, spool, threads, uploads, wait);
    }

    public BackupOptions withThreads(int count) {
        return new BackupOptions(compression, level, packSize, spool, count, uploads, lockWait);
    }
}
