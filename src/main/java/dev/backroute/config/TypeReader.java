package dev.backroute.config;

import dev.backroute.pipeline.Compression;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import static dev.backroute.config.BackupConfig.SEED_TYPES;

/**
 * Reads {@code backup_types}: each entry an instance of a {@link SourceKind}, its name free within
 * {@link #NAME}, its kind implied by a seed name or given by {@code kind}; checked against the storage
 * targets and the encryption key.
 */
final class TypeReader {
    /** The seed's plan: daily full backups kept 30 days, weekly ones kept 90 days for milvus and logs. */
    private record Defaults(String schedule, int retentionDays) {}

    private static final Map<String, Defaults> DEFAULTS = Map.of(
            "postgresql", new Defaults("0 0 2 * * ?", 30),
            "neo4j", new Defaults("0 30 2 * * ?", 30),
            "milvus", new Defaults("0 0 3 ? * SUN", 90),
            "data_files", new Defaults("0 0 1 * * ?", 30),
            "logs", new Defaults("0 0 4 ? * SUN", 90),
            "quality_reports", new Defaults("0 15 1 * * ?", 30));
    /** A type's name becomes a folder, an object-key prefix, a route id and a metric label: nothing else fits in all. */
    static final Pattern NAME = Pattern.compile("[a-z][a-z0-9_]{0,62}");
    private static final String DEFAULT_STORAGE = "local";
    static final int MAX_COMPRESSION_THREADS = 64;

    private final List<String> targetNames;
    private final String missingKeyProblem;

    /**
     * @param targetNames       the storage targets types may refer to, in file order, including broken ones
     *                          (reported where they are defined, not again where a type names them); null
     *                          when the storage section was unreadable (already reported), so that
     *                          references are not judged against nothing
     * @param missingKeyProblem what to report for {@code encrypt: true}, or null when a key is available
     */
    TypeReader(List<String> targetNames, String missingKeyProblem) {
        this.targetNames = targetNames;
        this.missingKeyProblem = missingKeyProblem;
    }

    /** The configured types: seed types in the order of {@link BackupConfig#SEED_TYPES}, then the others in file order. */
    Map<String, TypeConfig> read(Node backupTypes) {
        if (!backupTypes.isPresent()) {
            backupTypes.problem("required; configure at least one of " + String.join(", ", SEED_TYPES) + ", or a type of any name with its "
                    + kindsHint());
            return Map.of();
        }
        Map<String, TypeConfig> byName = backupTypes.object(this::readTypes);
        Map<String, TypeConfig> ordered = new LinkedHashMap<>();
        if (byName != null) {
            SEED_TYPES.stream().filter(byName::containsKey).forEach(name -> ordered.put(name, byName.get(name)));
            byName.forEach(ordered::putIfAbsent);
        }
        return ordered;
    }

    private static String kindsHint() {
        return "kind (" + String.join(", ", SourceKinds.names()) + ")";
    }

    private Map<String, TypeConfig> readTypes(Fields f) {
        Map<String, Node> entries = f.entries();
        if (entries.isEmpty()) {
            f.problem("configure at least one backup type: " + String.join(", ", SEED_TYPES) + ", or any name with its " + kindsHint());
        }
        Map<String, TypeConfig> types = new LinkedHashMap<>();
        entries.forEach((name, node) -> {
            if (!NAME.matcher(name).matches()) {
                node.problem("not a valid backup type name: use lowercase letters, digits and '_', starting with a letter"
                        + " (at most 63 characters)");
                return;
            }
            TypeConfig type = node.object(t -> readType(name, t));
            if (type != null) {
                types.put(name, type);
            }
        });
        return types;
    }

    private TypeConfig readType(String name, Fields f) {
        SourceKind kind = kind(name, f);
        if (kind == null) {
            // Without a kind, neither the source block nor the defaults can be judged.
            f.ignoreOtherKeys();
            return null;
        }
        // A seed type's own plan, else that of the seed type of its kind; data_files' for files and any later kind.
        Defaults defaults = DEFAULTS.getOrDefault(name, DEFAULTS.getOrDefault(kind.name(), DEFAULTS.get("data_files")));
        boolean enabled = f.bool("enabled", true);
        String schedule = f.string("schedule", defaults.schedule());
        String cronProblem = Cron.problem(schedule);
        f.check("schedule", cronProblem == null, cronProblem);
        int retentionDays = f.integer("retention_days", defaults.retentionDays(), 1, Integer.MAX_VALUE);
        int minKeep = f.integer("min_keep", 1, 1, Integer.MAX_VALUE);
        KeepRules keep = keepRules(f, retentionDays);
        Compression compression = compression(f);
        int level = compressionLevel(f, compression);
        int threads = f.integer("compression_threads", defaultCompressionThreads(), 1, MAX_COMPRESSION_THREADS);
        boolean encrypt = f.bool("encrypt", false);
        f.check("encrypt", !encrypt || missingKeyProblem == null, missingKeyProblem);
        List<String> targets = storageTargets(f);
        StorageFormat format = StorageFormat.fromConfigName(f.choice("format", StorageFormat.ARCHIVE.configName(),
                StorageFormat.configNames())).orElse(StorageFormat.ARCHIVE);
        Node repositoryBlock = f.get("repository");
        f.check("repository", !repositoryBlock.isPresent() || format == StorageFormat.REPOSITORY,
                "only used when format is \"repository\"; set that, or remove the repository block");
        RepositorySettings repository = repositoryBlock.isPresent() ? repositoryBlock.object(r -> repository(r, kind.name())) : RepositorySettings.DEFAULT;
        Node source = f.get("source");
        if (!source.isPresent() && enabled) {
            source.problem("required for an enabled backup type (or set enabled to false)");
        }
        SourceConfig sourceConfig = source.isPresent() ? source.object(s -> kind.readSource(name, s)) : null;
        // An absent block reads as {}: every type can be drilled with its kind's defaults.
        DrillConfig drill = f.get("drill").object(d -> {
            boolean given = d.get("enabled").isPresent();
            boolean drilled = d.bool("enabled", true);
            boolean keepScratch = d.bool("keep", false);
            DrillSettings settings = kind.readDrill(name, sourceConfig, d);
            return new DrillConfig(given ? drilled : settings == null || settings.drilledByDefault(), keepScratch, settings);
        });
        return new TypeConfig(name, kind.name(), enabled, schedule, retentionDays, minKeep, compression, level, encrypt, targets,
                sourceConfig, threads, format, repository == null ? RepositorySettings.DEFAULT : repository, keep,
                drill == null ? new DrillConfig(true, false, null) : drill);
    }

    /** The {@code keep_*} rules; {@code retention_days} joins them only when the type sets it (see {@link KeepRules}). */
    private static KeepRules keepRules(Fields f, int retentionDays) {
        return new KeepRules(f.integer("keep_last", 0, 1, Integer.MAX_VALUE), f.integer("keep_daily", 0, 1, Integer.MAX_VALUE),
                f.integer("keep_weekly", 0, 1, Integer.MAX_VALUE), f.integer("keep_monthly", 0, 1, Integer.MAX_VALUE),
                f.integer("keep_yearly", 0, 1, Integer.MAX_VALUE), f.get("retention_days").isPresent() ? retentionDays : 0);
    }

    /** The type's kind: implied by a seed name (and then not to be contradicted), else required and registered. */
    private static SourceKind kind(String name, Fields f) {
        String implied = BackupConfig.seedKind(name);
        String given = f.string("kind", null);
        if (given == null && implied == null) {
            f.check("kind", false, "required: say what " + name + " backs up, one of " + String.join(", ", SourceKinds.names())
                    + " (only the seed types " + String.join(", ", SEED_TYPES) + " imply their kind)" + DidYouMean.hint(name, SEED_TYPES));
            return null;
        }
        if (given != null && implied != null && !given.equals(implied)) {
            f.check("kind", false, "backup type " + name + " is always of kind " + implied + ", got '" + given
                    + "'; give the " + given + " type another name");
            return null;
        }
        String kind = given != null ? given : implied;
        SourceKind found = SourceKinds.find(kind).orElse(null);
        f.check("kind", found != null, "unknown kind '" + kind + "'; kinds are " + String.join(", ", SourceKinds.names())
                + DidYouMean.hint(kind, SourceKinds.names()));
        return found;
    }

    /**
     * Pack size up to 1 GiB (offsets in a pack are ints); chunk bounds as {@code ChunkerParams} accepts them; a files
     * cache only where there are files (a database's dump is a new stream every time).
     */
    private static RepositorySettings repository(Fields f, String kind) {
        RepositorySettings d = RepositorySettings.DEFAULT;
        int pack = f.integer("pack_size_mb", d.packSizeMib(), 1, 1024);
        int min = f.integer("chunk_min_kib", d.chunkMinKib(), 1, 256 * 1024);
        int avg = f.integer("chunk_avg_kib", d.chunkAvgKib(), 1, 256 * 1024);
        int max = f.integer("chunk_max_kib", d.chunkMaxKib(), 1, 256 * 1024);
        int uploads = f.integer("upload_connections", d.uploadConnections(), 1, 16);
        boolean filesCache = f.bool("files_cache", d.filesCache());
        f.check("files_cache", "files".equals(kind) || !f.get("files_cache").isPresent(),
                "only a files type skips unchanged files; remove files_cache from this " + kind + " type");
        f.check("chunk_avg_kib", min < avg && avg < max, "chunk sizes must grow: chunk_min_kib < chunk_avg_kib < chunk_max_kib, got "
                + min + ", " + avg + ", " + max);
        int repack = f.integer("repack_unused_percent", d.repackUnusedPercent(), 1, 100);
        int lockWait = f.integer("lock_wait_minutes", d.lockWaitMinutes(), 0, 24 * 60);
        return new RepositorySettings(pack, min, avg, max, uploads, filesCache, repack, lockWait);
    }

    /** The default of {@code compression_threads}: every core the JVM may use, within the allowed range. */
    static int defaultCompressionThreads() {
        return Math.min(MAX_COMPRESSION_THREADS, Math.max(1, Runtime.getRuntime().availableProcessors()));
    }

    private static Compression compression(Fields f) {
        String name = f.string("compression", Compression.GZIP.configName());
        Compression compression = Compression.fromConfigName(name);
        f.check("compression", compression != null, "must be one of " + Compression.configNames() + ", got '" + name + "'");
        return compression;
    }

    private static int compressionLevel(Fields f, Compression compression) {
        boolean given = f.get("compression_level").isPresent();
        int fallback = compression == null ? 0 : compression.defaultLevel();
        int level = f.integer("compression_level", fallback, Integer.MIN_VALUE, Integer.MAX_VALUE);
        if (given && compression == Compression.NONE) {
            f.check("compression_level", false, "compression none takes no level; remove compression_level");
        } else if (given && compression != null) {
            f.check("compression_level", compression.acceptsLevel(level), compression.configName() + " accepts levels "
                    + compression.minLevel() + " to " + compression.maxLevel() + ", got " + level);
        }
        return level;
    }

    private List<String> storageTargets(Fields f) {
        Map<String, Node> targets = f.strings("storage", List.of(DEFAULT_STORAGE));
        targets.forEach((name, node) -> {
            if (targetNames != null && !targetNames.contains(name)) {
                node.problem("no storage target named '" + name + "'; defined targets: "
                        + String.join(", ", targetNames) + DidYouMean.hint(name, targetNames));
            }
        });
        return List.copyOf(targets.keySet());
    }
}
