package dev.backroute.config;

/**
 * A type's {@code repository} block, used when its format is {@code repository}. The chunk sizes apply when the
 * repository is created on a target and are kept in its key file from then on (other bounds would cut other
 * chunks and deduplicate nothing); the pack size and the number of packs uploaded at once per target apply to
 * every backup. {@code filesCache} (files types): a file whose size, modification time, change time and inode are
 * those the type's last snapshot recorded is not read again; false reads every file, as {@code backup --force-read}.
 * Prune repacks a pack once more than {@code repackUnusedPercent} of it is unused; a backup waits up to
 * {@code lockWaitMinutes} for a prune of the same repository (from any host) to finish, and a prune as long for backups.
 */
public record RepositorySettings(int packSizeMib, int chunkMinKib, int chunkAvgKib, int chunkMaxKib, int uploadConnections,
        boolean filesCache, int repackUnusedPercent, int lockWaitMinutes) {
    public static final RepositorySettings DEFAULT = new RepositorySettings(32, 512, 1024, 8192, 2, true, 20, 60);
}
