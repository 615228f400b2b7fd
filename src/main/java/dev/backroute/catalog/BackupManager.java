package dev.backroute.catalog;

import dev.backroute.config.BackupConfig;
import dev.backroute.config.TypeConfig;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Answers what an operator asks about existing backups: status per type and recent backups. */
public final class BackupManager {
    private final BackupConfig config;
    private final BackupCatalog catalog;
    private final Clock clock;

    /** The Java API's manager: the keyset, when configured in the environment, comes from this process's. */
    public BackupManager(BackupConfig config) {
        this(config, new BackupCatalog(config), Clock.systemUTC());
    }

    public BackupManager(BackupConfig config, BackupCatalog catalog, Clock clock) {
        this.config = config;
        this.catalog = catalog;
        this.clock = clock;
    }

    /** The catalog the answers come from. */
    public BackupCatalog catalog() {
        return catalog;
    }

    /**
     * The type's last success and failure, when it is next due, and what it keeps. Backups whose manifests
     * start beyond {@code operations.max_clock_skew_minutes} from now are reported apart and left out of
     * the last success and failure: one dated years ahead, by a fast clock or by someone with write access
     * to the storage, would otherwise make the type "not due" for years. They still count as kept, since
     * retention keeps them. Manifests the catalog does not believe are listed too: each is a backup
     * that may be missing, or something planted, and either way an operator must look.
     */
    public BackupStatus getBackupStatus(String type) {
        TypeConfig typeConfig = config.type(type);
        BackupCatalog.Scan scan = scan(type);
        List<LocatedBackup> all = scan.backups();
        Instant now = clock.instant();
        Instant latestCredible = now.plus(config.operations().maxClockSkew());
        BackupRecord lastSuccess = null;
        BackupRecord lastFailure = null;
        List<BackupStatus.FutureDated> futureDated = new ArrayList<>();
        int successful = 0;
        Map<String, Long> bytes = new LinkedHashMap<>();
        Map<String, Long> raw = new LinkedHashMap<>();
        for (String target : typeConfig.storage()) {
            bytes.put(target, 0L);
            raw.put(target, 0L);
        }
        for (LocatedBackup b : all) {
            BackupRecord r = b.record();
            boolean future = r.startedAt() != null && r.startedAt().isAfter(latestCredible);
            if (future) {
                futureDated.add(BackupStatus.FutureDated.of(r, now));
            }
            if (r.success()) {
                successful++;
                lastSuccess = lastSuccess == null && !future ? r : lastSuccess;
                for (LocatedBackup.Copy c : b.copies()) {
                    bytes.merge(c.name(), r.storedBytes(), Long::sum);
                    raw.merge(c.name(), r.rawBytes(), Long::sum);
                }
            } else if (lastFailure == null && !future) {
                lastFailure = r;
            }
        }
        Instant nextDue = !typeConfig.enabled() ? null
                : new Schedule(typeConfig.schedule()).nextDue(lastSuccess == null ? null : lastSuccess.startedAt(), now);
        List<BackupStatus.Distrusted> untrusted = scan.untrusted().stream()
                .map(u -> new BackupStatus.Distrusted(u.target(), u.manifest(), u.reason())).toList();
        return new BackupStatus(type, typeConfig.enabled(), typeConfig.schedule(), lastSuccess, lastFailure, nextDue,
                successful, bytes, futureDated, untrusted, raw);
    }

    /**
     * What the type's kept backups hold against what they take on each of its targets. A repository type's
     * figure lists its packs on every target, so this is asked for where sizes are shown, not with every status.
     */
    public Map<String, TypeSizes.OnTarget> getTypeSizes(BackupStatus status) {
        return new TypeSizes(config).of(status);
    }

    /** The newest {@code limit} backups of the type, successful or not, newest first. */
    public List<BackupRecord> listBackups(String type, int limit) {
        return scan(type).backups().stream().limit(limit).map(LocatedBackup::record).toList();
    }

    private BackupCatalog.Scan scan(String type) {
        try {
            return catalog.scan(type);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the backups of " + type + ": " + e.getMessage(), e);
        }
    }
}
