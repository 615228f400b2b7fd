package dev.backroute.repository;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.Set;

/**
 * How a prune works: only report ({@code dryRun}), repack a pack once more than {@code repackUnusedPercent} of its
 * bytes is unused, write repacked chunks into packs of about {@code packSize} bytes spooled in {@code spool}, and
 * wait up to {@code lockWait} for running backups to finish. {@code required}: the snapshots the kept backups'
 * manifests name on this target; prune deletes nothing unless the repository holds every one of them (a listing that
 * misses one would make its chunks look unused).
 */
public record PruneOptions(boolean dryRun, int repackUnusedPercent, int packSize, Path spool, Duration lockWait,
        Set<String> required) {
    public PruneOptions {
        required = Set.copyOf(required);
        Objects.requireNonNull(spool, "spool");
        Objects.requireNonNull(lockWait, "lockWait");
        if (repackUnusedPercent < 1 || repackUnusedPercent > 100) {
            throw new IllegalArgumentException("repackUnusedPercent must be 1-100, got " + repackUnusedPercent);
        }
        if (packSize < 1 || packSize > BackupOptions.MAX_PACK_SIZE) {
            throw new IllegalArgumentException("pack size must be 1 byte to " + BackupOptions.MAX_PACK_SIZE + " bytes, got " + packSize);
        }
    }

    public PruneOptions withLockWait(Duration wait) {
        return new PruneOptions(dryRun, repackUnusedPercent, packSize, spool, wait, required);
    }
}
