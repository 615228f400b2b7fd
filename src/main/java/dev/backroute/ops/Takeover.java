package dev.backroute.ops;

import dev.backroute.Errors;
import dev.backroute.Hosts;
import dev.backroute.catalog.BackupManager;
import dev.backroute.catalog.BackupRecord;
import dev.backroute.catalog.Locks;
import dev.backroute.catalog.TypeLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.time.Instant;

/**
 * Whether a scheduled backup that Quartz hands over from a member it took for dead still needs doing. Quartz re-runs
 * the whole job, and a member may have died after its backup committed (during the check after it, or retention), or
 * not be dead at all (a long pause made it miss its check-ins): re-running then would make a second backup of one fire.
 */
public final class Takeover {
    private static final Logger LOG = LoggerFactory.getLogger(Takeover.class);

    private final BackupManager manager;
    private final Locks locks;

    public Takeover(BackupManager manager, Locks locks) {
        this.manager = manager;
        this.locks = locks;
    }

    /**
     * @param fired when the fire the other member began was due; null when Quartz did not say
     * @return false when the type's lock is held (its holder is running the backup) or a successful backup of the type
     *         started at or after {@code fired} (the other member finished it)
     */
    public boolean needed(String type, Instant fired) {
        try (TypeLock probe = TypeLock.acquire(locks, type)) {
            // free: the member that began the run holds it no more
        } catch (TypeLock.LockedException e) {
            LOG.info("{}: not taken over: {}", type, e.getMessage());
            return false;
        } catch (IOException e) {
            LOG.warn("{}: taken over without knowing whether its lock is held ({})", type, Errors.describe(e));
        }
        BackupRecord last = manager.getBackupStatus(type).lastSuccess();
        if (fired != null && last != null && !last.startedAt().isBefore(fired)) {
            LOG.info("{}: not taken over: {} of that fire was made by {} and committed", type, last.id(), Hosts.shown(last.host()));
            return false;
        }
        return true;
    }
}
