package dev.backroute.catalog;

import dev.backroute.Errors;
import dev.backroute.config.BackupConfig;
import dev.backroute.config.TypeConfig;
import dev.backroute.storage.StorageTarget;
import dev.backroute.storage.StorageTargets;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What backups exist, read from the manifests on a type's storage targets. A backup stored on several
 * targets appears once, with a copy per target that has its manifest.
 */
public final class BackupCatalog {
    private static final Logger LOG = LoggerFactory.getLogger(BackupCatalog.class);
    public static final Comparator<BackupRecord> NEWEST_FIRST =
            Comparator.comparing(BackupRecord::startedAt).thenComparing(BackupRecord::id).reversed();

    private final BackupConfig config;

    public BackupCatalog(BackupConfig config) {
        this.config = config;
    }

    /** Every backup of the type, newest first; unreadable manifests are logged and left out. */
    public List<LocatedBackup> backups(String type) throws IOException {
        TypeConfig typeConfig = config.type(type);
        Map<String, BackupRecord> records = new LinkedHashMap<>();
        Map<String, List<LocatedBackup.Copy>> copies = new LinkedHashMap<>();
        for (StorageTarget target : StorageTargets.forType(config, typeConfig)) {
            for (String name : target.list(type)) {
                if (!Manifests.isManifestName(name)) {
                    continue;
                }
                BackupRecord record;
                try {
                    record = Manifests.fromJson(target.open(type, name), target.uri(type, name));
                } catch (IOException e) {
                    LOG.warn("skipping {}: {}", target.uri(type, name), Errors.describe(e));
                    continue;
                }
                records.putIfAbsent(record.id(), record);
                copies.computeIfAbsent(record.id(), k -> new ArrayList<>()).add(copy(target, record));
            }
        }
        return records.values().stream().sorted(NEWEST_FIRST)
                .map(r -> new LocatedBackup(r, List.copyOf(copies.get(r.id())))).toList();
    }

    /**
     * The newest successful backup of a type, or of one unit of it ({@code database} name, or
     * {@code globals}) when {@code unit} is given. When the newest run made several artifacts, naming
     * the unit is required: "latest" alone would be a guess.
     */
    public LocatedBackup latestSuccessful(String type, String unit) throws IOException {
        List<LocatedBackup> good = backups(type).stream().filter(b -> b.record().success())
                .filter(b -> unit == null || unit.equals(unitOf(b.record()))).toList();
        if (good.isEmpty()) {
            throw new BackupNotFoundException("no successful backup of " + type + (unit == null ? "" : " " + unit)
                    + " yet: run ./backroute backup --type " + type);
        }
        LocatedBackup newest = good.get(0);
        if (unit == null && newest.record().runId() != null) {
            List<String> units = good.stream().filter(b -> newest.record().runId().equals(b.record().runId()))
                    .map(b -> unitOf(b.record())).filter(java.util.Objects::nonNull).distinct().toList();
            if (units.size() > 1) {
                throw new BackupNotFoundException(type + ":latest is ambiguous: the newest run backed up " + String.join(", ", units)
                        + "; name one, e.g. " + type + ":" + units.get(0) + ":latest, or give a backup id");
            }
        }
        return newest;
    }

    /** Every successful artifact of the newest run that made a successful one (one per database for PostgreSQL). */
    public List<LocatedBackup> latestRun(String type) throws IOException {
        List<LocatedBackup> good = backups(type).stream().filter(b -> b.record().success()).toList();
        if (good.isEmpty()) {
            throw new BackupNotFoundException("no successful backup of " + type + " yet: run ./backroute backup --type " + type);
        }
        String runId = good.get(0).record().runId();
        return runId == null ? List.of(good.get(0)) : good.stream().filter(b -> runId.equals(b.record().runId())).toList();
    }

    /** What one artifact of a multi-artifact run holds: its database, or "globals"; null for single-artifact types. */
    public static String unitOf(BackupRecord record) {
        if (record.source() == null) {
            return null;
        }
        if (Boolean.TRUE.equals(record.source().get("globals"))) {
            return "globals";
        }
        Object db = record.source().get("database");
        return db == null ? null : db.toString();
    }

    public LocatedBackup byId(String type, String id) throws IOException {
        return backups(type).stream().filter(b -> b.record().id().equals(id)).findFirst()
                .orElseThrow(() -> new BackupNotFoundException("no backup with id " + id
                        + " on the storage targets of " + type + ": see ./backroute list --type " + type));
    }

    private static LocatedBackup.Copy copy(StorageTarget target, BackupRecord record) {
        ArtifactSource source = new ArtifactSource() {
            @Override
            public String name() { return target.name(); }

            @Override
            public java.io.InputStream open() throws IOException { return target.open(record.type(), record.artifact()); }
        };
        return new LocatedBackup.Copy(target.name(), source, target);
    }
}
