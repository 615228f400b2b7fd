package dev.backroute.config;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/** Reads backup_config.json: file and JSON syntax first, then the top-level sections. */
final class ConfigLoader {
    private static final String DEFAULT_DIR = "backups";
    private static final String DEFAULT_KEYSET_ENV = "BACKROUTE_KEYSET";

    private static final ObjectMapper JSON = JsonMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

    private ConfigLoader() {}

    static BackupConfig load(Path path, Map<String, String> env) {
        Path configFile = path.toAbsolutePath().normalize();
        return load(configFile, env, new Document(configFile));
    }

    /** Reads {@code configFile} into {@code document}, which then also knows the keys each object accepts. */
    static BackupConfig load(Path configFile, Map<String, String> env, Document document) {
        JsonNode json = parse(configFile);
        BackupConfig config = Node.root(json, document).object(f -> read(f, configFile, env));
        document.throwIfProblems();
        return config;
    }

    private static JsonNode parse(Path configFile) {
        String name = configFile.toString();
        JsonNode json;
        try {
            json = JSON.readTree(Files.readAllBytes(configFile));
        } catch (NoSuchFileException e) {
            throw new ConfigException(name, "config file " + name + " not found: pass --config FILE or set BACKROUTE_CONFIG");
        } catch (JsonProcessingException e) {
            throw new ConfigException(name, name + ": not valid JSON" + at(e.getLocation()) + ": " + reason(e));
        } catch (IOException e) {
            throw new ConfigException(name, name + ": cannot read the config file: " + e.getMessage());
        }
        if (!json.isObject()) {
            String got = json.isMissingNode() ? "the file is empty" : "got " + json.getNodeType().name().toLowerCase(Locale.ROOT);
            throw new ConfigException(name, name + ": the top level must be a JSON object ({...}), " + got);
        }
        return json;
    }

    private static BackupConfig read(Fields f, Path configFile, Map<String, String> env) {
        Path baseDir = configFile.getParent();
        Path backupDir = Objects.requireNonNullElse(f.path("backup_dir"), baseDir.resolve(DEFAULT_DIR));
        // Types are read last because they refer to storage and encryption; asked for here so that an
        // unknown-key message lists the sections in the order the documentation shows them.
        Node typesNode = f.get("backup_types");
        Node storageNode = f.get("storage");
        Map<String, StorageConfig> storage = storageNode.isPresent()
                ? storageNode.object(StorageReader::read)
                : Map.of("local", StorageKinds.inFolder("local", baseDir.resolve(DEFAULT_DIR)));
        EncryptionConfig encryption = f.get("encryption").object(e ->
                new EncryptionConfig(e.path("keyset_file"), e.envName("keyset_env", DEFAULT_KEYSET_ENV)));
        // Every defined name, broken targets too: those are reported where they are defined, not again where used.
        List<String> targetNames = storage == null ? null : storageNode.isPresent() ? storageNode.keys() : List.copyOf(storage.keySet());
        TypeReader types = new TypeReader(targetNames, missingKeyProblem(encryption, env));
        return new BackupConfig(configFile, baseDir, backupDir, types.read(typesNode),
                Objects.requireNonNullElse(storage, Map.of()), encryption, f.get("alerts").object(AlertsReader::read),
                f.get("operations").object(OperationsReader::read), f.get("management").object(ManagementReader::read),
                f.get("cluster").object(ClusterReader::read));
    }

    /** What to tell a type that wants encryption, or null when a key is configured. */
    private static String missingKeyProblem(EncryptionConfig encryption, Map<String, String> env) {
        if (encryption == null || encryption.keysetFile() != null) {
            return null;
        }
        String keyset = env.get(encryption.keysetEnv());
        if (keyset != null && !keyset.isEmpty()) {
            return null;
        }
        return "true but no encryption key is configured: set encryption.keyset_file, or export " + encryption.keysetEnv()
                + " (create a keyset with ./backroute keygen --out FILE)";
    }

    private static String at(JsonLocation location) {
        return location == null ? "" : " at line " + location.getLineNr() + ", column " + location.getColumnNr();
    }

    /** Jackson's reason without the source excerpt it sometimes appends, which repeats the location. */
    private static String reason(JsonProcessingException e) {
        String reason = e.getOriginalMessage();
        int source = reason.indexOf(" (start marker at");
        return (source < 0 ? reason : reason.substring(0, source)).lines().findFirst().orElse(reason);
    }
}
