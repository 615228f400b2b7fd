package dev.backroute.config;

import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The validated content of backup_config.json. Loading checks everything it can without touching the
 * network or reading secrets, and reports every problem with its JSON path.
 *
 * @param configFile absolute path of the file it was loaded from
 * @param baseDir    the config file's directory, against which relative paths were resolved
 * @param backupDir  working state: staging, locks
 * @param types      the configured types: the seed types in the order of {@link #SEED_TYPES}, then the others in file order
 * @param storage    the storage targets, in file order
 * @param management where and for whom {@code ./backroute run} serves health and metrics
 * @param cluster    the hosts this one shares its schedules and type locks with, when enabled
 */
public record BackupConfig(Path configFile, Path baseDir, Path backupDir,
                           Map<String, TypeConfig> types,
                           Map<String, StorageConfig> storage,
                           EncryptionConfig encryption, AlertsConfig alerts, OperationsConfig operations,
                           ManagementConfig management, ClusterConfig cluster) {

    /**
     * The type names the platform started with. Each implies its kind, so a config written before types had a
     * {@code kind} loads unchanged; any other name must say its kind.
     */
    public static final List<String> SEED_TYPES =
            List.of("postgresql", "neo4j", "milvus", "data_files", "logs", "quality_reports");

    public BackupConfig {
        types = Collections.unmodifiableMap(new LinkedHashMap<>(types));
        storage = Collections.unmodifiableMap(new LinkedHashMap<>(storage));
    }

    public static BackupConfig loadFromFile(String path) {
        return loadFromFile(Path.of(path), System.getenv());
    }

    /** {@code env} decides whether an encrypting type has a key available (see {@link EncryptionConfig}). */
    public static BackupConfig loadFromFile(Path path, Map<String, String> env) {
        return ConfigLoader.load(path, env);
    }

    /** The kind a seed type name implies; null for any other name. */
    public static String seedKind(String typeName) {
        return switch (typeName) {
            case "postgresql", "neo4j", "milvus" -> typeName;
            case "data_files", "logs", "quality_reports" -> "files";
            default -> null;
        };
    }

    public TypeConfig type(String name) {
        TypeConfig type = types.get(name);
        if (type != null) {
            return type;
        }
        if (SEED_TYPES.contains(name)) {
            throw new ConfigException("backup_types." + name, "backup_types." + name
                    + ": backup type '" + name + "' is not configured; add it to backup_types in " + configFile);
        }
        List<String> configured = List.copyOf(types.keySet());
        throw new ConfigException("backup_types", "unknown backup type '" + name + "': " + configFile + " configures "
                + String.join(", ", configured) + DidYouMean.hint(name, configured));
    }

    public List<TypeConfig> enabledTypes() {
        return types.values().stream().filter(TypeConfig::enabled).toList();
    }
}
