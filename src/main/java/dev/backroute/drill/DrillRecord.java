package dev.backroute.drill;

import java.time.Instant;
import java.util.List;

/**
 * What a drill proved, as it is kept beside the type's backups on every target ({@link DrillRecords}), sealed like a
 * manifest. Field names are its JSON keys in snake_case.
 *
 * @param runId   the backup run drilled (its backups share it)
 * @param host    the machine the drill ran on
 * @param error   why the drill failed: its first failed check, or what stopped it; null when it passed
 * @param backups one entry per backup of the run (a PostgreSQL run has one per database, and its globals)
 */
public record DrillRecord(int formatVersion, String record, String type, String runId, String host, Instant startedAt,
                          Instant finishedAt, boolean success, String error, List<Backup> backups) {
    public static final int FORMAT_VERSION = 1;
    /** The value of {@code record}: a drill record renamed to a manifest's name is never read as one. */
    public static final String KIND = "drill";

    public DrillRecord {
        backups = backups == null ? List.of() : List.copyOf(backups);
    }

    /**
     * One backup's drill.
     *
     * @param scratch        where it was restored
     * @param restoreSeconds time to restore; {@code checkSeconds} time to check
     */
    public record Backup(String backupId, String scratch, boolean kept, double restoreSeconds, double checkSeconds,
                         List<DrillCheck> checks) {
        public Backup {
            checks = checks == null ? List.of() : List.copyOf(checks);
        }

        static Backup of(DrillResult r) {
            return new Backup(r.backupId(), r.scratch(), r.kept(), r.restore().toMillis() / 1000.0, r.check().toMillis() / 1000.0,
                    r.checks());
        }
    }

    /** Seconds the drill's restores took, all backups of the run together. */
    public double restoreSeconds() {
        return backups.stream().mapToDouble(Backup::restoreSeconds).sum();
    }
}
