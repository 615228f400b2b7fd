package dev.backroute.backup;

import dev.backroute.Errors;
import dev.backroute.catalog.Locks;
import dev.backroute.catalog.Manifests;
import dev.backroute.catalog.TypeLock;
import dev.backroute.config.BackupConfig;
import dev.backroute.config.TypeConfig;
import dev.backroute.pipeline.ProgressListener;
import dev.backroute.storage.OwnerOnly;
import dev.backroute.storage.StorageTarget;
import dev.backroute.storage.StorageTargets;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Begins a run of a type: takes the type's lock ({@link #open}; whoever opens a run releases its lock
 * however the run ends, {@link BackupGroup#releaseLock}) and clears what an interrupted run of the type left
 * behind ({@link #clearLeftovers}).
 */
public final class BeginBackup {
    private static final Logger LOG = LoggerFactory.getLogger(BeginBackup.class);

    private final BackupConfig config;
    private final Locks locks;

    public BeginBackup(BackupConfig config, Locks locks) {
        this.config = config;
        this.locks = locks;
    }

    /**
     * Takes the type's lock: the run it returns holds it.
     *
     * @param progress where the run's byte counts go ({@link ProgressListener#NONE} when nobody watches)
     */
    public BackupGroup open(String typeName, ProgressListener progress) throws IOException {
        return open(typeName, progress, false);
    }

    /** @param readAll read every file, whatever the files cache says ({@code backup --force-read}) */
    public BackupGroup open(String typeName, ProgressListener progress, boolean readAll) throws IOException {
        TypeConfig type = config.type(typeName);
        List<StorageTarget> targets = StorageTargets.forType(config, type);
        TypeLock lock = TypeLock.acquire(locks, type.name());
        return new BackupGroup(type, lock, targets, config.backupDir().resolve(".staging"), progress, readAll);
    }

    /** Clears staging and every target of what interrupted runs of the type left; called under the lock {@link #open} took. */
    public void clearLeftovers(BackupGroup group) throws IOException {
        String type = group.type().name();
        OwnerOnly.createDirectories(group.stagingDir());
        removeStagingLeftovers(group.stagingDir(), type);
        for (StorageTarget target : group.targets()) {
            removeLeftovers(target, type, group);
            removeOrphanArtifacts(target, type);
        }
        LOG.info("backup run of {} started", type);
    }

    /**
     * Housekeeping, not the backup: S3-compatible stores that implement only the basic object API answer
     * ListMultipartUploads with NotImplemented, and that must not stop their backups. A target that is
     * really unusable fails the listing just after, with its own error.
     */
    private static void removeLeftovers(StorageTarget target, String type, BackupGroup group) {
        try {
            target.removeLeftovers(type);
        } catch (IOException | RuntimeException e) {
            String warning = "storage target '" + target.name() + "': skipped removing what interrupted backups left ("
                    + Errors.describe(e) + "); the backup goes on: clear unfinished uploads with the store's own tools or expiry rules";
            LOG.warn(warning);
            group.warn(warning);
        }
    }

    /** The files of the type's own backups, by the whole id shape: type {@code pg} never matches {@code pg_analytics_…}. */
    private static Pattern filesOf(String type) {
        return Pattern.compile(Pattern.quote(type) + "_\\d{8}_\\d{6}(_\\d+)?\\..+");
    }

    private static void removeStagingLeftovers(Path staging, String type) throws IOException {
        Pattern own = filesOf(type);
        try (DirectoryStream<Path> files = Files.newDirectoryStream(staging, p -> own.matcher(p.getFileName().toString()).matches())) {
            for (Path f : files) {
                Files.deleteIfExists(f);
                LOG.info("removed staging leftover {} of an interrupted backup", f);
            }
        }
    }

    /**
     * An artifact with no manifest beside it is what a crash between the two writes leaves. It is not a
     * backup (nothing vouches for its checksum) and, under the lock, nothing can still be writing it.
     */
    private static void removeOrphanArtifacts(StorageTarget target, String type) throws IOException {
        Pattern artifactName = filesOf(type);
        List<String> names = target.list(type);
        Set<String> committed = new HashSet<>();
        for (String n : names) {
            if (Manifests.isManifestName(n)) {
                committed.add(Manifests.idOf(n));
            }
        }
        for (String n : names) {
            int dot = n.indexOf('.');
            String id = dot < 0 ? n : n.substring(0, dot);
            if (!Manifests.isManifestName(n) && artifactName.matcher(n).matches() && !committed.contains(id)) {
                target.delete(type, n);
                LOG.warn("removed {} from storage target '{}': an interrupted backup left it without a manifest", n, target.name());
            }
        }
    }
}
