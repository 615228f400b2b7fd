package dev.backroute.drill;

import dev.backroute.Errors;
import dev.backroute.Hosts;
import dev.backroute.catalog.BackupCatalog;
import dev.backroute.catalog.BackupNotFoundException;
import dev.backroute.catalog.BackupRecord;
import dev.backroute.catalog.BackupResolver;
import dev.backroute.catalog.LocatedBackup;
import dev.backroute.catalog.Locks;
import dev.backroute.catalog.ManifestAuthority;
import dev.backroute.catalog.TypeLock;
import dev.backroute.config.BackupConfig;
import dev.backroute.config.ConfigException;
import dev.backroute.pipeline.ProgressListener;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * {@code drill}: restores a backup run of a type into scratch targets, checks what came back, removes the scratch
 * targets, and keeps the outcome as a sealed {@link DrillRecord} beside the backups. One drill of a type at a time
 * on this host, and in the cluster when it is enabled ({@link TypeLock#drill}); the record is written only once every
 * check has run, so a drill that is killed leaves no record at all, never one that says it passed.
 */
public final class DrillService {
    private final BackupConfig config;
    private final Map<String, String> env;
    private final Clock clock;
    private final Consumer<String> say;
    private final ProgressListener progress;
    private final ManifestAuthority authority;

    public DrillService(BackupConfig config, Map<String, String> env, Clock clock, Consumer<String> say, ProgressListener progress) {
        this.config = config;
        this.env = env;
        this.clock = clock;
        this.say = say;
        this.progress = progress;
        this.authority = ManifestAuthority.of(config, env);
    }

    /** The record, and the error of writing it when a target refused it (null when every target has it). */
    public record Outcome(DrillRecord record, String recordError) {}

    /**
     * Drills {@code backupRef} of {@code type} (an id or {@code type:latest}), or when it is null every backup of the
     * type's newest successful run. A backup that cannot be found, or a type whose kind needs drill settings it lacks,
     * is refused with an exception (nothing is recorded); everything else, a restore that fails included, is recorded.
     */
    public Outcome drill(String type, String backupRef, boolean keep) throws IOException {
        BackupDrill.kindOf(config.type(type));
        if (config.type(type).source() == null) {
            // The scratch target is placed against the source (never inside it, never onto its server's database).
            throw new ConfigException("backup_types." + type + ".source", "backup_types." + type + " has no source block: a drill"
                    + " needs it to keep its scratch target apart from the source; add the source (enabled may stay false)");
        }
        try (TypeLock lock = TypeLock.drill(Locks.of(config, env), type)) {
            List<BackupRecord> backups = chosen(type, backupRef);
            Instant started = clock.instant();
            String stamp = DrillRecords.stamp(started);
            BackupDrill drill = new BackupDrill(config, env, say, progress);
            List<DrillResult> results = new ArrayList<>();
            for (BackupRecord backup : backups) {
                results.add(drillOne(drill, backup, stamp, keep));
            }
            DrillCheck failure = results.stream().map(DrillResult::firstFailure).filter(f -> f != null).findFirst().orElse(null);
            DrillRecord record = new DrillRecord(DrillRecord.FORMAT_VERSION, DrillRecord.KIND, type, backups.get(0).runId(),
                    Hosts.localHost(), started, clock.instant(), failure == null, failure == null ? null : failure.describe(),
                    results.stream().map(DrillRecord.Backup::of).toList());
            return new Outcome(record, new DrillRecords(config, authority).write(record));
        }
    }

    /**
     * A scratch target that cannot be prepared (the scratch server is down, say) fails this backup's drill like a
     * failed restore; a missing drill setting is the operator's to fix and stops the command.
     */
    private DrillResult drillOne(BackupDrill drill, BackupRecord backup, String stamp, boolean keep) {
        try {
            return drill.drill(backup, stamp, keep);
        } catch (ConfigException e) {
            throw e;
        } catch (IOException | RuntimeException e) {
            return new DrillResult(backup.id(), "no scratch target", keep, Duration.ZERO, Duration.ZERO,
                    List.of(DrillCheck.failed("scratch target", "a scratch target prepared", Errors.describe(e))));
        }
    }

    /** The type of the backup {@code backupRef} names: what {@code drill --backup} drills when no {@code --type} is given. */
    public String typeOf(String backupRef) throws IOException {
        return new BackupResolver(config, new BackupCatalog(config, authority)).resolve(backupRef).record().type();
    }

    /** The backups to drill: the one named, else every backup of the newest successful run. */
    private List<BackupRecord> chosen(String type, String backupRef) throws IOException {
        BackupCatalog catalog = new BackupCatalog(config, authority);
        if (backupRef != null) {
            LocatedBackup named = new BackupResolver(config, catalog).resolve(backupRef);
            if (!named.record().type().equals(type)) {
                throw new BackupNotFoundException("backup " + named.record().id() + " is of type " + named.record().type()
                        + ", not " + type + ": drop --type, or name a backup of " + type);
            }
            if (!named.record().success()) {
                throw new BackupNotFoundException("backup " + named.record().id() + " failed when it ran: there is nothing to drill;"
                        + " name a successful one (./backroute list --type " + type + ")");
            }
            return List.of(named.record());
        }
        List<BackupRecord> good = catalog.backups(type).stream().map(LocatedBackup::record).filter(BackupRecord::success).toList();
        if (good.isEmpty()) {
            throw new BackupNotFoundException("no successful backup of " + type + " to drill: run ./backroute backup --type " + type
                    + " first");
        }
        BackupRecord newest = good.get(0);
        if (newest.runId() == null) {
            return List.of(newest);
        }
        // Oldest first within the run, as it backed them up.
        List<BackupRecord> run = new ArrayList<>(good.stream().filter(b -> newest.runId().equals(b.runId())).toList());
        Collections.reverse(run);
        return run;
    }
}
