package dev.backroute.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/** Config documents for the tests, and a small language to break one field of them. */
final class TestConfigs {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** Every type enabled, every storage kind, both alert channels on, a keyset file: the most to check. */
    static final String FULL = """
            {
              "backup_dir": "state",
              "backup_types": {
                "postgresql": { "schedule": "0 0 2 * * ?", "compression": "gzip", "compression_level": 6, "encrypt": true,
                                "storage": ["local", "s3"],
                                "source": { "host": "db", "port": 5432, "user": "backup", "password_env": "PGPASSWORD",
                                            "databases": ["movies", "users"], "format": "custom", "globals": true, "bin_dir": "pg/bin" }, "drill": { "server": { "host": "drill-db", "port": 5433, "user": "drill", "password_env": "DRILL_PW", "bin_dir": "pg/bin" }, "assertions": [ { "name": "movies loaded", "sql": "SELECT count(*) FROM movies", "min": 1000, "max": 10000000, "database": "movies" }, { "sql": "SELECT count(*) FROM users", "equals": "800", "database": "users" } ] } },
                "neo4j": { "compression": "zstd", "storage": ["gcs"],
                           "source": { "uri": "neo4j+s://graph:7687", "user": "neo4j", "password_file": "secrets/neo4j",
                                       "database": "movies", "mode": "admin_dump", "admin_command": "/opt/neo4j/bin/neo4j-admin" },
                           "drill": { "uri": "bolt://drill-graph:7687", "user": "drill", "password_env": "DRILL_NEO4J_PASSWORD",
                                      "database": "neo4j", "assertions": [
                                        { "name": "movies loaded", "cypher": "MATCH (m:Movie) RETURN count(m)", "min": 1000, "max": 100000 },
                                        { "cypher": "RETURN 'ok'", "equals": "ok" } ] } },
                "milvus": { "compression": "lzma", "compression_level": 9, "storage": ["azure"],
                            "source": { "uri": "https://milvus:19530", "token_env": "MILVUS_TOKEN", "database": "recs",
                                        "collections": ["movie_embeddings"] },
                            "drill": { "uri": "https://scratch-milvus:19530", "token_env": "MILVUS_SCRATCH_TOKEN", "database": "drills",
                                       "assertions": [ { "name": "similar movies", "collection": "movie_embeddings",
                                                         "vector_field": "embedding", "vector_of": 42, "top_k": 5, "metric": "COSINE" } ] } },
                "data_files": { "compression": "zstd", "compression_level": 19, "min_keep": 3, "compression_threads": 3,
                                "format": "repository",
                                "repository": { "pack_size_mb": 16, "chunk_min_kib": 256, "chunk_avg_kib": 512, "chunk_max_kib": 4096, "upload_connections": 4, "files_cache": false },
                                "source": { "paths": ["data", "/srv/models"], "exclude": ["**/*.tmp", "*.{bak,old}"] },
                                "drill": { "enabled": true, "keep": false, "directory": "/var/tmp/drills",
                                           "assertions": [ { "name": "catalogue", "glob": "data/**/*.parquet", "min": 1, "max": 500 },
                                                           { "glob": "data/VERSION", "equals": 1 } ] } },
                "logs": { "compression": "bzip2", "compression_level": 1, "source": { "paths": ["logs"] },
                          "drill": { "assertions": [ { "name": "today's log", "glob": "logs/*.log", "min": 1, "max": 100 },
                                                     { "glob": "logs/README", "equals": 1 } ] } },
                "quality_reports": { "compression": "none", "source": { "paths": ["reports"] },
                                     "drill": { "enabled": false, "keep": true, "assertions": [ { "name": "report", "glob": "reports/*.html", "min": 1, "max": 9 },
                                                                                                { "glob": "reports/index.html", "equals": "1" } ] } }
              },
              "storage": {
                "local": { "type": "local", "path": "backups" },
                "s3": { "type": "s3", "bucket": "movie-backups", "region": "eu-west-1", "prefix": "prod/", "endpoint": "",
                        "path_style": false, "access_key_id_env": "AWS_KEY", "secret_access_key_file": "secrets/aws",
                        "server_side_encryption": "aws:kms", "kms_key_id": "alias/backups", "part_size_mb": 64 },
                "gcs": { "type": "gcs", "bucket": "movie-backups", "project_id": "movies-prod", "prefix": "graph",
                         "credentials_file": "secrets/gcs.json" },
                "azure": { "type": "azure", "container": "movie-backups", "prefix": "",
                           "connection_string_env": "AZURE_STORAGE_CONNECTION_STRING" }
              },
              "encryption": { "keyset_file": "keys/keyset.json", "keyset_env": "BACKROUTE_KEYSET" },
              "alerts": {
                "email": { "enabled": true, "smtp_host": "smtp.example.com", "smtp_port": 465, "tls": "ssl",
                           "from": "backups@example.com", "to": ["ops@example.com"],
                           "username_env": "SMTP_USER", "password_file": "secrets/smtp" },
                "slack": { "enabled": true, "webhook_url_env": "SLACK_WEBHOOK_URL" },
                "throttle_minutes": 60
              },
              "cluster": { "enabled": true, "jdbc_url": "jdbc:postgresql://db:5432/backroute?sslmode=require", "user": "backroute",
                           "password_env": "CLUSTER_PASSWORD", "instance": "integration-1", "checkin_seconds": 20 }
            }
            """;

    private TestConfigs() {}

    static Path write(Path dir, String json) {
        try {
            Files.createDirectories(dir);
            return Files.writeString(dir.resolve("backup_config.json"), json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static BackupConfig load(Path dir, String json) {
        return BackupConfig.loadFromFile(write(dir, json), Map.of());
    }

    /**
     * {@link #FULL} with mutations applied, separated by "; ": {@code a.b.c=JSON} sets a value (creating
     * objects on the way), {@code -a.b.c} removes a key.
     */
    static String fullWith(String mutations) {
        try {
            ObjectNode root = (ObjectNode) JSON.readTree(FULL);
            for (String mutation : mutations.split("; ")) {
                boolean remove = mutation.startsWith("-");
                String[] pathAndValue = (remove ? mutation.substring(1) : mutation).split("=", 2);
                String[] keys = pathAndValue[0].split("\\.");
                ObjectNode parent = root;
                for (int i = 0; i < keys.length - 1; i++) {
                    parent = parent.has(keys[i]) ? (ObjectNode) parent.get(keys[i]) : parent.putObject(keys[i]);
                }
                String key = keys[keys.length - 1];
                if (remove) {
                    parent.remove(key);
                } else {
                    JsonNode value = JSON.readTree(pathAndValue[1]);
                    parent.set(key, value);
                }
            }
            return root.toPrettyString();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
