package dev.backroute.backup;

import dev.backroute.catalog.BackupRecord;
import dev.backroute.catalog.TypeLock;
import dev.backroute.config.TypeConfig;
import dev.backroute.pipeline.ProgressListener;
import dev.backroute.storage.StorageTarget;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One run of a type's route, holding its lock. A run makes one artifact for the file types and one per
 * database for PostgreSQL; every artifact's manifest carries the run's id so they can be found together.
 */
public final class BackupGroup {
    private final TypeConfig type;
    private final List<StorageTarget> targets;
    private final Path stagingDir;
    private final ProgressListener progress;
    private final boolean readAll;
    private final List<BackupRecord> records = Collections.synchronizedList(new ArrayList<>());
    private final List<String> warnings = Collections.synchronizedList(new ArrayList<>());
    private final Map<String, Map<String, List<String>>> packs = new ConcurrentHashMap<>();
    private volatile String runId;

    private final TypeLock lock;
    private boolean released;

    public BackupGroup(TypeConfig type, TypeLock lock, List<StorageTarget> targets, Path stagingDir, ProgressListener progress,
            boolean readAll) {
        this.readAll = readAll;
        this.type = type;
        this.lock = lock;
        this.targets = List.copyOf(targets);
        this.stagingDir = stagingDir;
        this.progress = progress;
    }

    public TypeConfig type() { return type; }

    public List<StorageTarget> targets() { return targets; }

    public Path stagingDir() { return stagingDir; }

    /** Where the run's byte counts go, phase by phase; {@link ProgressListener#NONE} unless the sender asked. */
    public ProgressListener progress() { return progress; }

    /** Whether the sender asked to read every file of a files type, its files cache aside. */
    public boolean readAll() { return readAll; }

    /**
     * Lets other runs of the type in: called by the route's last step, so that what follows a run in the
     * same exchange (validation, retention) can take the lock, and again when the exchange completes,
     * however it ended.
     */
    public synchronized void releaseLock() throws java.io.IOException {
        if (!released) {
            released = true;
            lock.close();
        }
    }

    /**
     * Whether the run still holds the type's lock: not once released, nor once the cluster lock's connection broke
     * (another member may be backing the type up now).
     */
    public synchronized boolean holdsLock() {
        return !released && lock.held();
    }

    /** The id of the run's first artifact. */
    public String runId() { return runId; }

    void started(BackupRun run) {
        if (runId == null) {
            runId = run.id();
        }
    }

    void finished(BackupRecord record) { records.add(record); }

    void packsWritten(String backupId, String target, List<String> names) {
        packs.computeIfAbsent(backupId, id -> new ConcurrentHashMap<>()).put(target, List.copyOf(names));
    }

    /**
     * The repository packs a backup of this run uploaded, by target: all that the check after the run reads of
     * a repository backup, since the rest was checked when it was new.
     */
    public Map<String, List<String>> packsWritten(String backupId) {
        return Map.copyOf(packs.getOrDefault(backupId, Map.of()));
    }

    /** Records a problem that did not stop the run (a housekeeping call a storage target refused). */
    public void warn(String warning) { warnings.add(warning); }

    /** What went wrong without failing the run, in order; shown with the run's result. */
    public List<String> warnings() {
        synchronized (warnings) {
            return List.copyOf(warnings);
        }
    }

    /** The manifests written by this run so far, in order. */
    public List<BackupRecord> records() {
        synchronized (records) {
            return List.copyOf(records);
        }
    }
}
