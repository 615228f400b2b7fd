package dev.backroute.ops;

import dev.backroute.Errors;
import dev.backroute.Hosts;
import dev.backroute.backup.ExportingKind;
import dev.backroute.catalog.BackupManager;
import dev.backroute.catalog.BackupRecord;
import dev.backroute.catalog.Locks;
import dev.backroute.catalog.TypeLock;
import dev.backroute.config.BackupConfig;
import dev.backroute.config.SourceKinds;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;

/**
 * Whether a scheduled backup that Quartz hands over from a member it took for dead still needs doing. Quartz re-runs
 * the whole job, and a member may have died after its backup committed (during the check after it, or retention), or
 * not be dead at all (a long pause made it miss its check-ins): re-running then would make a second backup of one fire.
 * When in doubt it runs: a second backup of a fire costs space, a fire not backed up costs the data.
 */
public final class Takeover {
    /**
     * How long a lock the member held may outlive it: a vanished host's session ends when the cluster database's
     * keepalive probes give up (20 s idle, then 4 probes 5 s apart: 40 s, see {@code ClusterDatabase#connect}).
     * A member only paused still holds its lock after this.
     */
    static final Duration DEAD_SESSION = Duration.ofSeconds(60);
    private static final Logger LOG = LoggerFactory.getLogger(Takeover.class);

    private final BackupConfig config;
    private final BackupManager manager;
    private final Locks locks;
    private final Duration deadSession;

    public Takeover(BackupConfig config, BackupManager manager, Locks locks) {
        this(config, manager, locks, DEAD_SESSION);
    }

    Takeover(BackupConfig config, BackupManager manager, Locks locks, Duration deadSession) {
        this.config = config;
        this.manager = manager;
        this.locks = locks;
        this.deadSession = deadSession;
    }

    /**
     * @param fired when the fire the other member began was due; null when Quartz did not say
     * @return false when the type's lock is still held once a dead member's session would have ended (its holder is
     *         alive and running the backup), or when the fire's backup committed and is all of its run; true otherwise
     */
    public boolean needed(String type, Instant fired) {
        try (TypeLock probe = TypeLock.acquire(locks, type, deadSession)) {
            // free: the member that began the run holds it no more
        } catch (TypeLock.LockedException e) {
            LOG.warn("{}: not taken over, its holder is alive: {}", type, e.getMessage());
            return false;
        } catch (IOException e) {
            LOG.warn("{}: taken over without knowing whether its lock is held ({})", type, Errors.describe(e));
        }
        if (fired == null || !oneArtifactPerRun(type)) {
            return true; // a PostgreSQL run is one artifact per database: one committed says nothing of the others
        }
        try {
            BackupRecord last = manager.getBackupStatus(type).lastSuccess();
            if (last != null && !last.startedAt().isBefore(fired)) {
                LOG.info("{}: not taken over: {} of that fire was made by {} and committed", type, last.id(), Hosts.shown(last.host()));
                return false;
            }
        } catch (RuntimeException e) {
            LOG.warn("{}: taken over without knowing whether its backup committed ({})", type, Errors.describe(e));
        }
        return true;
    }

    private boolean oneArtifactPerRun(String type) {
        return SourceKinds.find(config.type(type).kind()).map(k -> k instanceof ExportingKind).orElse(false);
    }
}
