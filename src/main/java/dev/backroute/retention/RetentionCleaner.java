package dev.backroute.retention;

import dev.backroute.Errors;
import dev.backroute.catalog.BackupCatalog;
import dev.backroute.catalog.BackupRecord;
import dev.backroute.catalog.CatalogLock;
import dev.backroute.catalog.LocatedBackup;
import dev.backroute.catalog.Locks;
import dev.backroute.catalog.TypeLock;
import dev.backroute.config.BackupConfig;
import dev.backroute.config.TypeConfig;
import dev.backroute.repository.BlobName;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Applies retention to a type: under the type's lock (so no backup of it runs meanwhile), re-reads the
 * manifests, plans with {@link RetentionPolicy}, and deletes each expired backup on every target that
 * holds it: the manifest first, then the artifact. A crash in between leaves an artifact without a
 * manifest, which is not a backup and which the next backup of the type removes; never a manifest that
 * points at nothing. A dry run takes the same lock and computes the same plan, and deletes nothing.
 */
public final class RetentionCleaner {
    private static final Logger LOG = LoggerFactory.getLogger(RetentionCleaner.class);

    private final BackupConfig config;
    private final BackupCatalog catalog;
    private final Locks locks;
    private final Clock clock;

    /**
     * The Java API's cleaner: the keyset, when configured in the environment, and the cluster database's password
     * come from this process's.
     */
    public RetentionCleaner(BackupConfig config) {
        this(config, new BackupCatalog(config), Locks.of(config, System.getenv()), Clock.systemUTC());
    }

    public RetentionCleaner(BackupConfig config, BackupCatalog catalog, Locks locks, Clock clock) {
        this.config = config;
        this.catalog = catalog;
        this.locks = locks;
        this.clock = clock;
    }

    /** Cleans one configured type; an unknown or unconfigured type is a {@link dev.backroute.config.ConfigException}. */
    public CleanupResult clean(String type, boolean dryRun) {
        TypeConfig typeConfig = config.type(type);
        String name = typeConfig.name();
        try (TypeLock lock = TypeLock.acquire(locks, name)) {
            return cleanLocked(typeConfig, dryRun);
        } catch (TypeLock.LockedException e) {
            return CleanupResult.notDone(name, dryRun, "cleanup of " + name + " not done: " + e.getMessage()
                    + ", then run cleanup again");
        } catch (IOException e) {
            return CleanupResult.notDone(name, dryRun, "cleanup of " + name + " not done: " + Errors.describe(e));
        }
    }

    /** Cleans every configured type, in config order. */
    public List<CleanupResult> cleanAll(boolean dryRun) {
        return config.types().keySet().stream().map(t -> clean(t, dryRun)).toList();
    }

    private CleanupResult cleanLocked(TypeConfig type, boolean dryRun) {
        String name = type.name();
        List<LocatedBackup> backups;
        try {
            backups = catalog.backups(name);
        } catch (IOException | RuntimeException e) {
            return CleanupResult.notDone(name, dryRun, "cleanup of " + name + " not done: cannot list its backups: " + Errors.describe(e));
        }
        Map<String, LocatedBackup> byId = backups.stream()
                .collect(Collectors.toMap(b -> b.record().id(), Function.identity(), (a, b) -> a));
        RetentionPlan plan = RetentionPolicy.plan(backups.stream().map(LocatedBackup::record).toList(), type, clock.instant(),
                config.operations().maxClockSkew());

        List<CleanupResult.Deleted> deleted = new ArrayList<>();
        List<CleanupResult.TargetError> errors = new ArrayList<>();
        long freed = 0;
        for (RetentionPlan.Decision d : plan.delete()) {
            LocatedBackup backup = byId.get(d.id());
            BackupRecord record = backup.record();
            List<String> removedFrom = new ArrayList<>();
            long bytes = 0;
            for (LocatedBackup.Copy copy : backup.copies()) {
                if (copy.target() == null) {
                    continue;
                }
                if (dryRun) {
                    removedFrom.add(copy.name());
                    bytes += artifactBytes(record);
                    continue;
                }
                try (CatalogLock catalogLock = CatalogLock.acquire(locks, name)) {
                    copy.target().delete(name, record.manifestName());
                    bytes += deleteArtifact(copy, record, errors);
                } catch (IOException | RuntimeException e) {
                    String msg = "could not delete the manifest " + record.manifestName() + ": " + Errors.describe(e)
                            + "; the backup is left whole on this target";
                    errors.add(new CleanupResult.TargetError(copy.name(), record.id(), msg));
                    LOG.error("cleanup of {} on target '{}': {}", record.id(), copy.name(), msg);
                    continue;
                }
                removedFrom.add(copy.name());
                LOG.info("deleted {} from storage target '{}': {}", record.id(), copy.name(), d.reason());
            }
            if (!removedFrom.isEmpty()) {
                deleted.add(new CleanupResult.Deleted(record.id(), d.reason(), bytes, removedFrom));
                freed += bytes;
            }
        }
        List<CleanupResult.Kept> kept = plan.keep().stream().map(d -> new CleanupResult.Kept(d.id(), d.reason())).toList();
        return new CleanupResult(name, dryRun, deleted, kept, freed, errors, null);
    }

    /** After the manifest, under the same lock: a validation never sees the manifest without its artifact. */
    private static long deleteArtifact(LocatedBackup.Copy copy, BackupRecord record, List<CleanupResult.TargetError> errors) {
        if (record.artifact() == null) {
            return 0;
        }
        try {
            if (record.inRepository()) {
                forgetSnapshot(copy, record);
                return 0;
            }
            copy.target().delete(record.type(), record.artifact());
            return artifactBytes(record);
        } catch (IOException | RuntimeException e) {
            String msg = "manifest deleted but not the artifact " + record.artifact() + ": " + Errors.describe(e)
                    + "; it is no longer a backup, and the next backup of " + record.type() + " removes it";
            errors.add(new CleanupResult.TargetError(copy.name(), record.id(), msg));
            LOG.error("cleanup of {} on target '{}': {}", record.id(), copy.name(), msg);
            return 0;
        }
    }

    /**
     * A backup in the repository is forgotten: its snapshot goes, its chunks stay, since later snapshots share
     * them; nothing is freed until unused chunks are reclaimed (docs/repository.md).
     */
    private static void forgetSnapshot(LocatedBackup.Copy copy, BackupRecord record) throws IOException {
        String snapshot = record.snapshots() == null ? null : record.snapshots().get(copy.name());
        if (snapshot != null) {
            copy.target().repository(record.type()).delete(BlobName.snapshot(snapshot));
        }
    }

    private static long artifactBytes(BackupRecord record) {
        return record.artifact() == null || record.inRepository() ? 0 : Math.max(0, record.storedBytes());
    }
}
