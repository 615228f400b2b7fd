package dev.backroute.catalog;

import dev.backroute.config.BackupConfig;
import dev.backroute.config.TypeConfig;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Answers what an operator asks about existing backups: status per type and recent backups. */
public final class BackupManager {
    private final BackupConfig config;
    private final BackupCatalog catalog;
    private final Clock clock;

    public BackupManager(BackupConfig config) {
        this(config, Clock.systemUTC());
    }

    public BackupManager(BackupConfig config, Clock clock) {
        this.config = config;
        this.catalog = new BackupCatalog(config);
        this.clock = clock;
    }

    public BackupStatus getBackupStatus(String type) {
        TypeConfig typeConfig = config.type(type);
        List<LocatedBackup> all = located(type);
        BackupRecord lastSuccess = null;
        BackupRecord lastFailure = null;
        int successful = 0;
        Map<String, Long> bytes = new LinkedHashMap<>();
        typeConfig.storage().forEach(t -> bytes.put(t, 0L));
        for (LocatedBackup b : all) {
            BackupRecord r = b.record();
            if (r.success()) {
                successful++;
                lastSuccess = lastSuccess == null ? r : lastSuccess;
                b.copies().forEach(c -> bytes.merge(c.name(), r.storedBytes(), Long::sum));
            } else if (lastFailure == null) {
                lastFailure = r;
            }
        }
        Instant now = clock.instant();
        Instant nextDue = new Schedule(typeConfig.schedule()).nextDue(lastSuccess == null ? null : lastSuccess.startedAt(), now);
        return new BackupStatus(type, typeConfig.enabled(), typeConfig.schedule(), lastSuccess, lastFailure, nextDue,
                successful, bytes);
    }

    /** The newest {@code limit} backups of the type, successful or not, newest first. */
    public List<BackupRecord> listBackups(String type, int limit) {
        return located(type).stream().limit(limit).map(LocatedBackup::record).toList();
    }

    private List<LocatedBackup> located(String type) {
        try {
            return catalog.backups(type);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the backups of " + type + ": " + e.getMessage(), e);
        }
    }
}
