package dev.backroute.retention;

import dev.backroute.Errors;
import dev.backroute.catalog.BackupCatalog;
import dev.backroute.catalog.LocatedBackup;
import dev.backroute.catalog.Locks;
import dev.backroute.catalog.TypeLock;
import dev.backroute.catalog.TypeRepositories;
import dev.backroute.config.BackupConfig;
import dev.backroute.config.StorageFormat;
import dev.backroute.config.TypeConfig;
import dev.backroute.repository.BlobName;
import dev.backroute.repository.MissingSnapshotException;
import dev.backroute.repository.PruneOptions;
import dev.backroute.repository.PruneReport;
import dev.backroute.storage.OwnerOnly;
import dev.backroute.storage.StorageTarget;
import dev.backroute.storage.StorageTargets;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Prunes a repository type on each of its storage targets, after retention forgot what it expired: see
 * {@code Repository.prune}. Backups of the type, from this host or another, are kept apart by the repository's own
 * lock, not the type lock, so a backup started meanwhile waits for the prune instead of failing; a lock of its own
 * ({@link TypeLock#prune}) keeps two prunes of the type on this host from sharing the spool folder where repacked
 * packs are written, and with the cluster enabled two members' prunes apart.
 */
public final class RepositoryPruner {
    private static final Logger LOG = LoggerFactory.getLogger(RepositoryPruner.class);

    private final BackupConfig config;
    private final TypeRepositories repositories;
    private final BackupCatalog catalog;
    private final Locks locks;

    public RepositoryPruner(BackupConfig config, TypeRepositories repositories, BackupCatalog catalog, Locks locks) {
        this.config = config;
        this.repositories = repositories;
        this.catalog = catalog;
        this.locks = locks;
    }

    /** The configured types that keep their backups in a repository, in config order. */
    public List<String> repositoryTypes() {
        return config.types().values().stream().filter(t -> t.format() == StorageFormat.REPOSITORY).map(TypeConfig::name).toList();
    }

    /** Prunes one repository type on every target; a target's failure is reported and the next one still pruned. */
    public PruneResult prune(String typeName, boolean dryRun) {
        TypeConfig type = config.type(typeName);
        if (type.format() != StorageFormat.REPOSITORY) {
            throw new IllegalArgumentException(type.name() + " keeps archives, not a repository");
        }
        Duration wait = Duration.ofMinutes(type.repository().lockWaitMinutes());
        List<PruneResult.OnTarget> results = new ArrayList<>();
        try (TypeLock local = TypeLock.prune(locks, type.name(), wait)) {
            Path spool = emptySpool(type.name());
            try {
                for (StorageTarget target : StorageTargets.forType(config, type)) {
                    PruneOptions options = new PruneOptions(dryRun, type.repository().repackUnusedPercent(),
                            type.repository().packSizeMib() * 1024 * 1024, spool, wait, required(type, target));
                    results.add(onTarget(type, target, options));
                }
            } finally {
                deleteSpool(spool);
            }
        } catch (IOException e) {
            results.add(new PruneResult.OnTarget("-", null, "prune of " + type.name() + " not done: " + Errors.describe(e)));
        }
        return new PruneResult(type.name(), dryRun, results);
    }

    private PruneResult.OnTarget onTarget(TypeConfig type, StorageTarget target, PruneOptions options) {
        try {
            var store = target.repository(type.name());
            if (store.list(BlobName.KEYS).isEmpty() && store.list(BlobName.DATA).isEmpty()) {
                return new PruneResult.OnTarget(target.name(), null, null); // no backup of it there yet
            }
            PruneReport report;
            try {
                report = repositories.prune(type, target, options);
            } catch (MissingSnapshotException e) {
                // A cleanup may have forgotten that backup since its manifest was read: ask the manifests again, once.
                Set<String> now = required(type, target);
                if (now.contains(e.snapshot())) {
                    throw e;
                }
                report = repositories.prune(type, target, new PruneOptions(options.dryRun(), options.repackUnusedPercent(),
                        options.packSize(), options.spool(), options.lockWait(), now));
            }
            LOG.info("{} on {}: {} pack(s) deleted, {} repacked into {}, {} -> {} bytes{}", type.name(), target.name(),
                    report.packsDeleted(), report.packsRepacked(), report.packsWritten(), report.bytesBefore(), report.bytesAfter(),
                    options.dryRun() ? " (dry run)" : "");
            return new PruneResult.OnTarget(target.name(), report, null);
        } catch (IOException | RuntimeException e) {
            return new PruneResult.OnTarget(target.name(), null, "prune of " + type.name() + " on target '" + target.name()
                    + "' not done: " + Errors.describe(e));
        }
    }

    /** The snapshots the type's kept successful backups name on {@code target}, from their authenticated manifests. */
    private Set<String> required(TypeConfig type, StorageTarget target) throws IOException {
        return catalog.backups(type.name()).stream().map(LocatedBackup::record).filter(r -> r.success() && r.snapshots() != null)
                .map(r -> r.snapshots().get(target.name())).filter(Objects::nonNull).collect(Collectors.toSet());
    }

    /** {@code .staging/<type>.prune}, emptied of what a killed prune left: only this host's prunes of the type use it. */
    private Path emptySpool(String type) throws IOException {
        Path spool = OwnerOnly.createDirectories(config.backupDir().resolve(".staging").resolve(type + ".prune"));
        try (Stream<Path> files = Files.list(spool)) {
            for (Path f : files.toList()) {
                Files.deleteIfExists(f);
            }
        }
        return spool;
    }

    private static void deleteSpool(Path spool) {
        try (Stream<Path> files = Files.walk(spool)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            LOG.warn("could not remove the prune spool {}: {}", spool, e.toString());
        }
    }
}
