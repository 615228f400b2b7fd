package dev.backroute.catalog;

import dev.backroute.cluster.ClusterDatabase;
import dev.backroute.config.BackupConfig;

import java.nio.file.Path;
import java.util.Map;

/**
 * Where an installation's locks ({@link TypeLock}, {@link CatalogLock}) are held: in files under
 * {@code backup_dir/.locks}, which keep this host's processes apart, and, when the config makes this host a cluster
 * member, in the cluster database too, which keeps the members apart.
 */
public final class Locks {
    private final Path backupDir;
    private final ClusterDatabase cluster;

    private Locks(Path backupDir, ClusterDatabase cluster) {
        this.backupDir = backupDir;
        this.cluster = cluster;
    }

    /** @param env where the cluster database's password comes from: the environment the command was given */
    public static Locks of(BackupConfig config, Map<String, String> env) {
        return new Locks(config.backupDir(), config.cluster().enabled() ? new ClusterDatabase(config.cluster(), env) : null);
    }

    Path backupDir() {
        return backupDir;
    }

    /** The cluster database, or null when this host is no cluster member. */
    ClusterDatabase cluster() {
        return cluster;
    }
}
