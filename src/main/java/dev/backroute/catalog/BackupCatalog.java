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

    public LocatedBackup latestSuccessful(String type) throws IOException {
        return backups(type).stream().filter(b -> b.record().success()).findFirst()
                .orElseThrow(() -> new BackupNotFoundException("no successful backup of " + type
                        + " yet: run ./backroute backup --type " + type));
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
