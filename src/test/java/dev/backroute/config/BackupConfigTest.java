package dev.backroute.config;

import dev.backroute.files.FilesDrill;
import dev.backroute.files.FilesSource;
import dev.backroute.milvus.MilvusDrillSettings;
import dev.backroute.milvus.MilvusSearch;
import dev.backroute.milvus.MilvusSource;
import dev.backroute.neo4j.Neo4jDrillSettings;
import dev.backroute.neo4j.Neo4jSource;
import dev.backroute.postgres.PostgresSource;
import dev.backroute.pipeline.Compression;
import dev.backroute.storage.azure.AzureStorage;
import dev.backroute.storage.gcs.GcsStorage;
import dev.backroute.storage.local.LocalStorage;
import dev.backroute.storage.s3.S3Storage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class BackupConfigTest {
    @TempDir
    Path dir;

    @Test
    void theShippedConfigLoadsWithItsDefaults() {
        BackupConfig config = BackupConfig.loadFromFile(Path.of("backup_config.json"), Map.of());
        assertThat(BackupConfig.loadFromFile("backup_config.json")).isEqualTo(config);

        assertThat(config.configFile()).isEqualTo(Path.of("backup_config.json").toAbsolutePath().normalize());
        assertThat(config.types()).containsOnlyKeys(BackupConfig.SEED_TYPES);
        assertThat(config.types().keySet()).containsExactlyElementsOf(BackupConfig.SEED_TYPES);
        assertThat(config.enabledTypes()).extracting(TypeConfig::name).containsExactly("data_files", "logs", "quality_reports");
        assertThat(config.type("postgresql").enabled()).isFalse();
        assertThat(config.type("milvus").retentionDays()).isEqualTo(90);
        assertThat(config.type("milvus").schedule()).isEqualTo("0 0 3 ? * SUN");
        assertThat(config.type("neo4j").compressionLevel()).isEqualTo(Compression.ZSTD.defaultLevel());
        assertThat(config.type("data_files").source()).isEqualTo(new FilesSource(
                List.of(config.baseDir().resolve("data")), List.of("**/*.tmp")));
        assertThat(config.type("logs").minKeep()).isEqualTo(1);
        assertThat(config.type("logs").storage()).containsExactly("local");
        assertThat(config.storage()).containsExactly(Map.entry("local", new LocalStorage("local", config.baseDir().resolve("backups"))));
        assertThat(config.encryption()).isEqualTo(new EncryptionConfig(null, "BACKROUTE_KEYSET"));
        assertThat(config.alerts().email().enabled()).isFalse();
        assertThat(config.alerts().email().username().isConfigured()).isFalse();
        assertThat(config.alerts().slack().webhookUrl().env()).isEqualTo("SLACK_WEBHOOK_URL");
    }

    @Test
    void theSpecSampleLoads() {
        String sample = """
                {
                  "backup_dir": "backups",
                  "backup_types": {
                    "postgresql": { "enabled": true, "schedule": "0 0 2 * * ?", "retention_days": 30,
                                    "compression": "gzip", "compression_level": 6, "encrypt": true, "storage": ["local"],
                                    "source": { "host": "localhost", "port": 5432, "user": "backup",
                                                "password_env": "PGPASSWORD", "databases": ["movies"], "format": "plain" } },
                    "neo4j":      { "schedule": "0 30 2 * * ?", "retention_days": 30, "source": { "uri": "bolt://localhost:7687", "user": "neo4j", "password_env": "NEO4J_PASSWORD", "database": "neo4j" } },
                    "milvus":     { "schedule": "0 0 3 ? * SUN", "retention_days": 90, "source": { "uri": "http://localhost:19530", "token_env": "MILVUS_TOKEN", "collections": ["movie_embeddings"] } },
                    "data_files": { "schedule": "0 0 1 * * ?", "retention_days": 30, "source": { "paths": ["data"], "exclude": ["**/*.tmp"] } },
                    "logs":       { "schedule": "0 0 4 ? * SUN", "retention_days": 90, "source": { "paths": ["logs"] } },
                    "quality_reports": { "schedule": "0 15 1 * * ?", "retention_days": 30, "source": { "paths": ["reports"] } }
                  },
                  "storage": {
                    "local": { "type": "local", "path": "backups" },
                    "s3":    { "type": "s3", "bucket": "movie-backups", "region": "eu-west-1", "prefix": "prod", "endpoint": "", "path_style": false },
                    "gcs":   { "type": "gcs", "bucket": "movie-backups", "project_id": "movies", "prefix": "prod", "credentials_file": "" },
                    "azure": { "type": "azure", "container": "movie-backups", "prefix": "prod", "connection_string_env": "AZURE_STORAGE_CONNECTION_STRING" }
                  },
                  "encryption": { "keyset_file": "", "keyset_env": "BACKROUTE_KEYSET" },
                  "alerts": { "email": { "enabled": false, "smtp_host": "", "smtp_port": 587, "tls": "starttls", "from": "", "to": [], "username_env": "", "password_env": "" },
                              "slack": { "enabled": false, "webhook_url_env": "SLACK_WEBHOOK_URL" } }
                }
                """;

        BackupConfig config = BackupConfig.loadFromFile(TestConfigs.write(dir, sample), Map.of("BACKROUTE_KEYSET", "{}"));

        assertThat(config.enabledTypes()).hasSize(6);
        assertThat(config.storage().keySet()).containsExactly("local", "s3", "gcs", "azure");
        assertThat(config.storage().get("s3")).isEqualTo(new S3Storage("s3", "movie-backups", "eu-west-1", "prod", "", false,
                new SecretRef("storage.s3.access_key_id", null, null), new SecretRef("storage.s3.secret_access_key", null, null),
                "", "", 16));
        assertThat(config.storage().get("gcs")).isEqualTo(new GcsStorage("gcs", "movie-backups", "movies", "prod", null));
        assertThat(config.storage().get("azure")).isEqualTo(new AzureStorage("azure", "movie-backups", "prod",
                new SecretRef("storage.azure.connection_string", "AZURE_STORAGE_CONNECTION_STRING", null)));
        assertThat(config.type("neo4j").source()).isEqualTo(new Neo4jSource("bolt://localhost:7687", "neo4j",
                new SecretRef("backup_types.neo4j.source.password", "NEO4J_PASSWORD", null), "neo4j", "logical", "neo4j-admin"));
        assertThat(config.type("milvus").source()).isEqualTo(new MilvusSource("http://localhost:19530",
                new SecretRef("backup_types.milvus.source.token", "MILVUS_TOKEN", null), "default", List.of("movie_embeddings")));
        assertThat(config.alerts().email().to()).isEmpty();
    }

    @Test
    void everyFieldOfAFullConfigIsRead() {
        BackupConfig config = TestConfigs.load(dir, TestConfigs.FULL);

        TypeConfig postgres = config.type("postgresql");
        assertThat(postgres).isEqualTo(new TypeConfig("postgresql", "postgresql", true, "0 0 2 * * ?", 30, 1, Compression.GZIP, 6, true,
                List.of("local", "s3"), new PostgresSource("db", 5432, "backup",
                new SecretRef("backup_types.postgresql.source.password", "PGPASSWORD", null), List.of("movies", "users"),
                "custom", true, dir.resolve("pg/bin")), TypeReader.defaultCompressionThreads(), StorageFormat.ARCHIVE,
                RepositorySettings.DEFAULT, KeepRules.NONE, postgres.drill()));
        assertThat(config.type("neo4j").source()).isEqualTo(new Neo4jSource("neo4j+s://graph:7687", "neo4j",
                new SecretRef("backup_types.neo4j.source.password", null, dir.resolve("secrets/neo4j")), "movies", "admin_dump",
                "/opt/neo4j/bin/neo4j-admin"));
        assertThat(config.type("neo4j").drill().settings()).isEqualTo(new Neo4jDrillSettings("bolt://drill-graph:7687", "drill",
                new SecretRef("backup_types.neo4j.drill.password", "DRILL_NEO4J_PASSWORD", null), "neo4j", List.of(
                new QueryAssertion("movies loaded", "MATCH (m:Movie) RETURN count(m)", new Expectation(null, new BigDecimal(1000),
                        new BigDecimal(100000))),
                new QueryAssertion("RETURN 'ok'", "RETURN 'ok'", new Expectation("ok", null, null)))));
        assertThat(config.type("data_files").minKeep()).isEqualTo(3);
        assertThat(config.type("data_files").compressionThreads()).isEqualTo(3);
        assertThat(config.type("data_files").format()).isEqualTo(StorageFormat.REPOSITORY);
        assertThat(config.type("data_files").repository()).isEqualTo(new RepositorySettings(16, 256, 512, 4096, 4, false, 20, 60));
        assertThat(config.type("logs").format()).isEqualTo(StorageFormat.ARCHIVE);
        assertThat(config.type("quality_reports").compression()).isEqualTo(Compression.NONE);
        assertThat(config.type("quality_reports").compressionLevel()).isZero();
        assertThat(config.storage().get("s3")).isEqualTo(new S3Storage("s3", "movie-backups", "eu-west-1", "prod/", "", false,
                new SecretRef("storage.s3.access_key_id", "AWS_KEY", null),
                new SecretRef("storage.s3.secret_access_key", null, dir.resolve("secrets/aws")), "aws:kms", "alias/backups", 64));
        assertThat(config.alerts()).isEqualTo(new AlertsConfig(
                new EmailAlert(true, "smtp.example.com", 465, "ssl", "backups@example.com", List.of("ops@example.com"),
                        new SecretRef("alerts.email.username", "SMTP_USER", null),
                        new SecretRef("alerts.email.password", null, dir.resolve("secrets/smtp"))),
                new SlackAlert(true, new SecretRef("alerts.slack.webhook_url", "SLACK_WEBHOOK_URL", null)), 60));
    }

    @Test
    void aMinimalConfigGetsEveryDefault() {
        BackupConfig config = TestConfigs.load(dir, """
                { "backup_types": { "logs": { "source": { "paths": ["logs"] } } } }""");

        assertThat(config.backupDir()).isEqualTo(dir.resolve("backups"));
        assertThat(config.storage()).containsExactly(Map.entry("local", new LocalStorage("local", dir.resolve("backups"))));
        assertThat(config.types()).containsOnlyKeys("logs");
        assertThat(config.type("logs")).isEqualTo(new TypeConfig("logs", "files", true, "0 0 4 ? * SUN", 90, 1, Compression.GZIP, 6, false,
                List.of("local"), new FilesSource(List.of(dir.resolve("logs")), List.of()), TypeReader.defaultCompressionThreads(),
                StorageFormat.ARCHIVE, RepositorySettings.DEFAULT, KeepRules.NONE, new DrillConfig(true, false,
                new FilesDrill(null, List.of()))));
        assertThat(config.encryption()).isEqualTo(new EncryptionConfig(null, "BACKROUTE_KEYSET"));
        assertThat(config.alerts().email()).isEqualTo(new EmailAlert(false, "", 587, "starttls", "", List.of(),
                new SecretRef("alerts.email.username", null, null), new SecretRef("alerts.email.password", null, null)));
        assertThat(config.alerts().slack().enabled()).isFalse();
        assertThat(config.alerts().throttleMinutes()).isEqualTo(240);
    }

    @Test
    void aTypeIsDrilledByDefaultUnlessItsKindLacksAScratchServer() {
        BackupConfig config = TestConfigs.load(dir, """
                { "backup_types": { "logs": { "source": { "paths": ["logs"] } },
                    "neo4j": { "source": { "uri": "bolt://graph:7687", "user": "neo4j" } },
                    "graph_b": { "kind": "neo4j", "source": { "uri": "bolt://graph:7687", "user": "neo4j" },
                                 "drill": { "uri": "bolt://scratch:7687" } },
                    "graph_c": { "kind": "neo4j", "source": { "uri": "bolt://graph:7687", "user": "neo4j" }, "drill": { "enabled": true } },
                    "graph_d": { "kind": "neo4j", "source": { "uri": "bolt://graph:7687", "user": "neo4j" },
                                 "drill": { "uri": "bolt://scratch:7687", "enabled": false } } } }""");

        assertThat(config.types().values().stream().filter(t -> t.drill().enabled()).map(TypeConfig::name))
                .containsExactly("logs", "graph_b", "graph_c");
    }

    @Test
    void defaultsFollowTheType() {
        BackupConfig config = TestConfigs.load(dir, """
                { "backup_types": {
                    "postgresql": { "source": { "user": "backup", "databases": ["movies"] } },
                    "milvus": { "compression": "zstd", "source": { "uri": "http://milvus:19530" } },
                    "quality_reports": { "compression": "lzma", "source": { "paths": ["reports"] } } } }""");

        assertThat(config.type("postgresql").schedule()).isEqualTo("0 0 2 * * ?");
        assertThat(config.type("postgresql").retentionDays()).isEqualTo(30);
        assertThat(config.type("postgresql").source()).isEqualTo(new PostgresSource("localhost", 5432, "backup",
                new SecretRef("backup_types.postgresql.source.password", null, null), List.of("movies"), "plain", false, null));
        assertThat(config.type("milvus").retentionDays()).isEqualTo(90);
        assertThat(config.type("milvus").compressionLevel()).isEqualTo(3);
        assertThat(((MilvusSource) config.type("milvus").source()).collections()).isEmpty();
        assertThat(config.type("quality_reports").schedule()).isEqualTo("0 15 1 * * ?");
        assertThat(config.type("quality_reports").compressionLevel()).isEqualTo(6);
    }

    @Test
    void keepRulesAreReadAndOnlyAnExplicitRetentionDaysJoinsThemAsKeepWithin() {
        BackupConfig config = TestConfigs.load(dir, """
                { "backup_types": {
                    "data_files": { "keep_last": 2, "keep_daily": 7, "keep_weekly": 4, "keep_monthly": 12, "keep_yearly": 3,
                                    "source": { "paths": ["data"] } },
                    "logs": { "keep_daily": 3, "retention_days": 10, "source": { "paths": ["logs"] } },
                    "quality_reports": { "source": { "paths": ["reports"] } } } }""");

        assertThat(config.type("data_files").keep()).isEqualTo(new KeepRules(2, 7, 4, 12, 3, 0));
        assertThat(config.type("data_files").retentionDays()).as("the default still applies where no keep rule is set").isEqualTo(30);
        assertThat(config.type("logs").keep()).isEqualTo(new KeepRules(0, 3, 0, 0, 0, 10));
        assertThat(config.type("quality_reports").keep()).isEqualTo(KeepRules.NONE);
        assertThat(config.type("quality_reports").keep().any()).isFalse();
    }

    @Test
    void aDisabledTypeMayOmitItsSource() {
        BackupConfig config = TestConfigs.load(dir, """
                { "backup_types": { "neo4j": { "enabled": false }, "logs": { "source": { "paths": ["logs"] } } } }""");

        assertThat(config.type("neo4j").source()).isNull();
        assertThat(config.type("neo4j").schedule()).isEqualTo("0 30 2 * * ?");
        assertThat(config.enabledTypes()).extracting(TypeConfig::name).containsExactly("logs");
    }

    @Test
    void anS3TargetWithAnEndpointNeedsNoRegion() {
        BackupConfig config = TestConfigs.load(dir, TestConfigs.fullWith(
                "-storage.s3.region; storage.s3.endpoint=\"http://minio:9000\"; storage.s3.path_style=true"));

        S3Storage s3 = (S3Storage) config.storage().get("s3");
        assertThat(s3.region()).isEqualTo("us-east-1");
        assertThat(s3.endpoint()).isEqualTo("http://minio:9000");
        assertThat(s3.pathStyle()).isTrue();
    }

    @Test
    void relativePathsResolveAgainstTheConfigFilesDirectory() {
        Path confDir = dir.resolve("etc/backroute");
        BackupConfig config = BackupConfig.loadFromFile(TestConfigs.write(confDir, TestConfigs.fullWith(
                "backup_types.data_files.source.paths=[\"../../srv/data\", \"./models/\", \"/abs/path\"]")), Map.of());

        assertThat(config.baseDir()).isEqualTo(confDir);
        assertThat(config.backupDir()).isEqualTo(confDir.resolve("state"));
        assertThat(((FilesSource) config.type("data_files").source()).paths())
                .containsExactly(dir.resolve("srv/data"), confDir.resolve("models"), Path.of("/abs/path"));
        assertThat(config.storage().get("local")).isEqualTo(new LocalStorage("local", confDir.resolve("backups")));
        assertThat(((GcsStorage) config.storage().get("gcs")).credentialsFile()).isEqualTo(confDir.resolve("secrets/gcs.json"));
        assertThat(((PostgresSource) config.type("postgresql").source()).binDir()).isEqualTo(confDir.resolve("pg/bin"));
        assertThat(config.encryption().keysetFile()).isEqualTo(confDir.resolve("keys/keyset.json"));
        assertThat(config.alerts().email().password().file()).isEqualTo(confDir.resolve("secrets/smtp"));
    }

    @Test
    void encryptingWithoutAKeyIsRefusedUntilTheKeysetVariableIsSet() {
        Path file = TestConfigs.write(dir, TestConfigs.fullWith("encryption.keyset_file=\"\""));

        assertThatThrownBy(() -> BackupConfig.loadFromFile(file, Map.of()))
                .isInstanceOf(ConfigException.class)
                .hasMessage("backup_types.postgresql.encrypt: true but no encryption key is configured: set encryption.keyset_file, "
                        + "or export BACKROUTE_KEYSET (create a keyset with ./backroute keygen --out FILE)");
        assertThat(BackupConfig.loadFromFile(file, Map.of("BACKROUTE_KEYSET", "{...}")).type("postgresql").encrypt()).isTrue();
    }

    @Test
    void theMissingKeyMessageNamesTheConfiguredVariableAndCoversDisabledTypes() {
        Path file = TestConfigs.write(dir, TestConfigs.fullWith(
                "-encryption.keyset_file; encryption.keyset_env=\"MY_KEYS\"; backup_types.postgresql.enabled=false"));

        assertThatThrownBy(() -> BackupConfig.loadFromFile(file, Map.of("BACKROUTE_KEYSET", "{...}")))
                .hasMessageStartingWith("backup_types.postgresql.encrypt: ")
                .hasMessageContaining("export MY_KEYS");
        assertThat(BackupConfig.loadFromFile(file, Map.of("MY_KEYS", "{...}")).encryption().keysetEnv()).isEqualTo("MY_KEYS");
    }

    @Test
    void everyProblemIsReportedInDocumentOrder() {
        // The mutations append storage before min_keep: the reverse of the order the loader reads them in.
        ConfigException e = catchThrowableOfType(ConfigException.class, () -> TestConfigs.load(dir, TestConfigs.fullWith(
                "alerts.email.tls=\"tls\"; backup_types.logs.storage=[\"nas\"]; backup_dir=3; backup_types.logs.min_keep=0")));

        assertThat(e.problems()).extracting(ConfigException.Problem::line).containsExactly(
                "backup_dir: must be a string, got 3",
                "backup_types.logs.storage[0]: no storage target named 'nas'; defined targets: local, s3, gcs, azure; did you mean 'gcs'?",
                "backup_types.logs.min_keep: must be a positive integer, got 0",
                "alerts.email.tls: must be one of 'none', 'starttls', 'ssl', got 'tls'");
        assertThat(e.problems().get(3)).isEqualTo(new ConfigException.Problem("alerts.email.tls",
                "must be one of 'none', 'starttls', 'ssl', got 'tls'"));
        assertThat(e.getMessage()).isEqualTo("4 problems in " + dir.resolve("backup_config.json"));
        assertThat(e.path()).isEqualTo("backup_dir");
    }

    @Test
    void aMissingFileSaysHowToPointAtOne() {
        Path missing = dir.resolve("nope.json");

        ConfigException e = catchThrowableOfType(ConfigException.class, () -> BackupConfig.loadFromFile(missing, Map.of()));

        assertThat(e).hasMessage("config file " + missing + " not found: pass --config FILE or set BACKROUTE_CONFIG");
        assertThat(e.path()).isEqualTo(missing.toString());
    }

    @Test
    void invalidJsonNamesLineAndColumn() {
        Path file = TestConfigs.write(dir, "{\n  \"backup_dir\": \"b\"\n  \"backup_types\": {}\n}\n");

        assertThatThrownBy(() -> BackupConfig.loadFromFile(file, Map.of()))
                .hasMessageStartingWith(file + ": not valid JSON at line 3, column 3: ")
                .hasMessageContaining("comma");
    }

    @Test
    void truncatedJsonIsInvalid() {
        Path file = TestConfigs.write(dir, "{ \"backup_types\": {\n");

        assertThatThrownBy(() -> BackupConfig.loadFromFile(file, Map.of()))
                .hasMessageStartingWith(file + ": not valid JSON at line 2, column 1: ")
                .hasMessageNotContaining("\n");
    }

    @Test
    void aDuplicateKeyIsInvalid() {
        Path file = TestConfigs.write(dir, TestConfigs.FULL.replace("\"min_keep\": 3", "\"min_keep\": 3, \"min_keep\": 4"));
        long line = TestConfigs.FULL.lines().takeWhile(l -> !l.contains("\"min_keep\": 3")).count() + 1;

        assertThatThrownBy(() -> BackupConfig.loadFromFile(file, Map.of()))
                .hasMessageStartingWith(file + ": not valid JSON at line " + line + ", column 94")
                .hasMessageContaining("Duplicate field 'min_keep'");
    }

    @Test
    void theTopLevelMustBeAnObject() {
        assertThatThrownBy(() -> TestConfigs.load(dir, "[1, 2]"))
                .hasMessageEndingWith("backup_config.json: the top level must be a JSON object ({...}), got array");
        assertThatThrownBy(() -> TestConfigs.load(dir, ""))
                .hasMessageEndingWith("backup_config.json: the top level must be a JSON object ({...}), the file is empty");
        assertThatThrownBy(() -> TestConfigs.load(dir, "{} {}"))
                .hasMessageContaining("not valid JSON at line 1, column 4");
    }

    @Test
    void askingForATypeThatIsNotThereNamesTheConfiguredOnes() {
        BackupConfig config = TestConfigs.load(dir, """
                { "backup_types": { "logs": { "source": { "paths": ["logs"] } },
                                    "ml_models": { "kind": "files", "source": { "paths": ["models"] } } } }""");

        assertThatThrownBy(() -> config.type("log"))
                .isInstanceOf(ConfigException.class)
                .hasMessage("unknown backup type 'log': " + config.configFile() + " configures logs, ml_models; did you mean 'logs'?");
        assertThatThrownBy(() -> config.type("neo4j"))
                .hasMessage("backup_types.neo4j: backup type 'neo4j' is not configured; add it to backup_types in "
                        + config.configFile());
    }

    @Test
    void secretValuesNeverAppearInMessages() {
        ConfigException literal = catchThrowableOfType(ConfigException.class, () -> TestConfigs.load(dir,
                TestConfigs.fullWith("backup_types.postgresql.source.password=\"hunter2\"")));
        ConfigException pastedIntoEnv = catchThrowableOfType(ConfigException.class, () -> TestConfigs.load(dir,
                TestConfigs.fullWith("backup_types.postgresql.source.password_env=\"hunter2 secret\"")));

        assertThat(literal.problems()).noneMatch(p -> p.line().contains("hunter2"));
        assertThat(pastedIntoEnv.problems()).extracting(ConfigException.Problem::line).singleElement().asString()
                .startsWith("backup_types.postgresql.source.password_env: must be the name of an environment variable")
                .doesNotContain("hunter2");
    }

    @Test
    void theConfigIsImmutable() throws Exception {
        BackupConfig config = TestConfigs.load(dir, TestConfigs.FULL);

        assertThatThrownBy(() -> config.types().remove("logs")).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> config.type("logs").storage().add("s3")).isInstanceOf(UnsupportedOperationException.class);
    }
}
