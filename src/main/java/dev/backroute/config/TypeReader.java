package dev.backroute.config;

import dev.backroute.pipeline.Compression;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static dev.backroute.config.BackupConfig.KNOWN_TYPES;

/** Reads {@code backup_types}, checking each type against the storage targets and the encryption key. */
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

    /** The configured types in the order of {@link BackupConfig#KNOWN_TYPES}. */
    Map<String, TypeConfig> read(Node backupTypes) {
        if (!backupTypes.isPresent()) {
            backupTypes.problem("required; configure at least one of " + String.join(", ", KNOWN_TYPES));
            return Map.of();
        }
        Map<String, TypeConfig> byName = backupTypes.object(this::readTypes);
        Map<String, TypeConfig> ordered = new LinkedHashMap<>();
        if (byName != null) {
            KNOWN_TYPES.stream().filter(byName::containsKey).forEach(name -> ordered.put(name, byName.get(name)));
        }
        return ordered;
    }

    private Map<String, TypeConfig> readTypes(Fields f) {
        Map<String, Node> entries = f.entries();
        if (entries.isEmpty()) {
            f.problem("configure at least one backup type; known types are " + String.join(", ", KNOWN_TYPES));
        }
        Map<String, TypeConfig> types = new HashMap<>();
        entries.forEach((name, node) -> {
            if (!KNOWN_TYPES.contains(name)) {
                node.problem("unknown backup type; known types are " + String.join(", ", KNOWN_TYPES)
                        + DidYouMean.hint(name, KNOWN_TYPES));
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
        Defaults defaults = DEFAULTS.get(name);
        boolean enabled = f.bool("enabled", true);
        String schedule = f.string("schedule", defaults.schedule());
        String cronProblem = Cron.problem(schedule);
        f.check("schedule", cronProblem == null, cronProblem);
        int retentionDays = f.integer("retention_days", defaults.retentionDays(), 1, Integer.MAX_VALUE);
        int minKeep = f.integer("min_keep", 1, 1, Integer.MAX_VALUE);
        Compression compression = compression(f);
        int level = compressionLevel(f, compression);
        int threads = f.integer("compression_threads", defaultCompressionThreads(), 1, MAX_COMPRESSION_THREADS);
        boolean encrypt = f.bool("encrypt", false);
        f.check("encrypt", !encrypt || missingKeyProblem == null, missingKeyProblem);
        List<String> targets = storageTargets(f);
        Node source = f.get("source");
        if (!source.isPresent() && enabled) {
            source.problem("required for an enabled backup type (or set enabled to false)");
        }
        SourceConfig sourceConfig = source.isPresent() ? source.object(s -> SourceReader.read(name, s)) : null;
        return new TypeConfig(name, enabled, schedule, retentionDays, minKeep, compression, level, encrypt, targets,
                sourceConfig, threads);
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
