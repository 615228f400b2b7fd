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
    private final ManifestAuthority authority;

    /** The Java API's catalog: the keyset, when configured in the environment, comes from this process's. */
    public BackupCatalog(BackupConfig config) {
        this(config, ManifestAuthority.of(config, System.getenv()));
    }

    public BackupCatalog(BackupConfig config, ManifestAuthority authority) {
        this.config = config;
        this.authority = authority;
    }

    /**
     * A manifest on storage that is not believed: unreadable, a field that is not what Backroute writes, or
     * (with a keyset) a missing or failing MAC. {@code unsigned} ones, with their {@code backup}, may be
     * adopted by an operator's explicit validation; the others have no backup.
     */
    public record Untrusted(String target, String manifest, String reason, boolean unsigned, LocatedBackup backup) {}

    /** What a type's storage holds: the backups that may be used, and the manifests that may not. */
    public record Scan(List<LocatedBackup> backups, List<Untrusted> untrusted) {}

    /** Every trusted backup of the type, newest first; untrusted manifests are logged and left out. */
    public List<LocatedBackup> backups(String type) throws IOException {
        return scan(type).backups();
    }

    public Scan scan(String type) throws IOException {
        TypeConfig typeConfig = config.type(type);
        Map<String, BackupRecord> records = new LinkedHashMap<>();
        Map<String, List<LocatedBackup.Copy>> copies = new LinkedHashMap<>();
        List<Untrusted> untrusted = new ArrayList<>();
        for (StorageTarget target : StorageTargets.forType(config, typeConfig)) {
            for (String name : target.list(type)) {
                if (!Manifests.isManifestName(name)) {
                    continue;
                }
                String where = target.uri(type, name);
                Manifests.Parsed parsed;
                try {
                    parsed = Manifests.parse(target.open(type, name), where);
                } catch (IOException e) {
                    untrusted.add(distrusted(target, name, Errors.describe(e), false, null));
                    continue;
                }
                BackupRecord record = parsed.record();
                String problem = ManifestCheck.problem(type, typeConfig.kind(), name, record, where);
                if (problem != null) {
                    untrusted.add(distrusted(target, name, problem, false, null));
                    continue;
                }
                ManifestAuthority.Distrust distrust = authority.check(parsed, where);
                if (distrust != null) {
                    LocatedBackup alone = distrust.unsigned() ? new LocatedBackup(record, List.of(copy(target, record))) : null;
                    untrusted.add(distrusted(target, name, distrust.reason(), distrust.unsigned(), alone));
                    continue;
                }
                records.putIfAbsent(record.id(), record);
                copies.computeIfAbsent(record.id(), k -> new ArrayList<>()).add(copy(target, record));
            }
        }
        List<LocatedBackup> backups = records.values().stream().sorted(NEWEST_FIRST)
                .map(r -> new LocatedBackup(r, List.copyOf(copies.get(r.id())))).toList();
        return new Scan(backups, List.copyOf(untrusted));
    }

    private static Untrusted distrusted(StorageTarget target, String name, String reason, boolean unsigned, LocatedBackup backup) {
        LOG.warn("{}", reason);
        return new Untrusted(target.name(), name, reason, unsigned, backup);
    }

    /**
     * A manifest given by its path, outside any storage target: believed only if it would be believed on a
     * target, its folder being the type's folder and the type a configured one.
     */
    BackupRecord readFile(java.nio.file.Path manifest) throws IOException {
        String where = manifest.toString();
        Manifests.Parsed parsed = Manifests.parse(java.nio.file.Files.newInputStream(manifest), where);
        java.nio.file.Path folder = manifest.toAbsolutePath().getParent();
        String type = folder == null || folder.getFileName() == null ? "" : folder.getFileName().toString();
        if (!config.types().containsKey(type)) {
            throw new BackupNotFoundException(where + " is not in the folder of a configured backup type ("
                    + String.join(", ", config.types().keySet()) + "): a backup is read from its type's folder");
        }
        String problem = ManifestCheck.problem(type, config.type(type).kind(), manifest.getFileName().toString(), parsed.record(), where);
        ManifestAuthority.Distrust distrust = problem == null ? authority.check(parsed, where) : null;
        if (problem != null || distrust != null) {
            throw new UntrustedManifestException(problem != null ? problem : distrust.reason());
        }
        return parsed.record();
    }

    /**
     * The newest successful backup of a type, or of one unit of it ({@code database} name, or
     * {@code globals}) when {@code unit} is given. When the newest run made several artifacts, naming
     * the unit is required: "latest" alone would be a guess.
     */
    public LocatedBackup latestSuccessful(String type, String unit) throws IOException {
        Scan scan = scan(type);
        List<LocatedBackup> good = scan.backups().stream().filter(b -> b.record().success())
                .filter(b -> unit == null || unit.equals(unitOf(b.record()))).toList();
        if (good.isEmpty()) {
            refuseEmpty(scan, "no successful backup of " + type + (unit == null ? "" : " " + unit)
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

    /**
     * For each target, the snapshot that the newest successful repository backup of {@code type} has there: where a
     * files backup finds its files cache. Only a hint: the snapshot must still open in the repository (authenticated)
     * and be of this type, and a manifest that names an older snapshot of ours costs reading more files, nothing else.
     */
    public Map<String, String> latestSnapshots(String type) throws IOException {
        Map<String, String> latest = new LinkedHashMap<>();
        for (LocatedBackup backup : backups(type)) {
            BackupRecord r = backup.record();
            if (r.success() && r.inRepository() && r.snapshots() != null) {
                r.snapshots().forEach(latest::putIfAbsent);
            }
        }
        return latest;
    }

    /** Every successful artifact of the newest run that made a successful one (one per database for PostgreSQL). */
    public List<LocatedBackup> latestRun(String type) throws IOException {
        Scan scan = scan(type);
        List<LocatedBackup> good = scan.backups().stream().filter(b -> b.record().success()).toList();
        if (good.isEmpty()) {
            refuseEmpty(scan, "no successful backup of " + type + " yet: run ./backroute backup --type " + type);
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
        Scan scan = scan(type);
        java.util.Optional<LocatedBackup> found = scan.backups().stream().filter(b -> b.record().id().equals(id)).findFirst();
        if (found.isPresent()) {
            return found.get();
        }
        String manifest = BackupRecord.manifestNameFor(id);
        java.util.Optional<Untrusted> untrusted = scan.untrusted().stream().filter(u -> u.manifest().equals(manifest)).findFirst();
        if (untrusted.isPresent()) {
            throw new UntrustedManifestException(untrusted.get().reason());
        }
        throw new BackupNotFoundException("no backup with id " + id + " on the storage targets of " + type
                + ": see ./backroute list --type " + type);
    }

    /**
     * Nothing trusted to offer: when manifests were refused, that is what the operator must hear (a failed
     * recovery, not a typo), with the first reason; else {@code none} (a usage problem).
     */
    private static void refuseEmpty(Scan scan, String none) throws UntrustedManifestException {
        if (scan.untrusted().isEmpty()) {
            throw new BackupNotFoundException(none);
        }
        int more = scan.untrusted().size() - 1;
        throw new UntrustedManifestException(scan.untrusted().get(0).reason()
                + (more > 0 ? " (and " + more + " more untrusted manifests: see ./backroute list)" : ""));
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
