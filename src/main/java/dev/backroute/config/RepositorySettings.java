package dev.backroute.config;

/**
 * A type's {@code repository} block, used when its format is {@code repository}. The chunk sizes apply when the
 * repository is created on a target and are kept in its key file from then on (other bounds would cut other
 * chunks and deduplicate nothing); the pack size and the number of packs uploaded at once per target apply to
 * every backup. {@code filesCache} (files types): a file whose size, modification time, change time and inode are
 * those the type's last snapshot recorded is not read again; false reads every file, as {@code backup --force-read}.
 */
public record RepositorySettings(int packSizeMib, int chunkMinKib, int chunkAvgKib, int chunkMaxKib, int uploadConnections,
        boolean filesCache) {
    public static final RepositorySettings DEFAULT = new RepositorySettings(32, 512, 1024, 8192, 2, true);
}
