package dev.backroute.config;

import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.file.Path;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.junit.jupiter.params.provider.Arguments.arguments;

/** One broken field at a time: the load fails with exactly one problem, naming its JSON path and what is wrong. */
class ConfigValidationTest {
    private static final String LITERAL = "literal secrets are not allowed in the config; give ";

    @TempDir
    Path dir;

    static Stream<Arguments> brokenFields() {
        return Stream.of(
                // top level
                arguments("backup_dir=5", "backup_dir: must be a string, got 5"),
                arguments("-backup_types", "backup_types: required; configure at least one of postgresql, neo4j, milvus, data_files,"
                        + " logs, quality_reports, or a type of any name with its kind (files, milvus, neo4j, postgresql)"),
                arguments("backup_types={}", "backup_types: configure at least one backup type: postgresql, neo4j, milvus, data_files,"
                        + " logs, quality_reports, or any name with its kind (files, milvus, neo4j, postgresql)"),
                arguments("backup_types=[]", "backup_types: must be an object, got []"),
                // kinds and names
                arguments("backup_types.log={}", "backup_types.log.kind: required: say what log backs up, one of files, milvus, neo4j,"
                        + " postgresql (only the seed types postgresql, neo4j, milvus, data_files, logs, quality_reports imply their kind);"
                        + " did you mean 'logs'?"),
                arguments("backup_types.pg_analytics={\"kind\": \"postgres\"}", "backup_types.pg_analytics.kind: unknown kind 'postgres';"
                        + " kinds are files, milvus, neo4j, postgresql; did you mean 'postgresql'?"),
                arguments("backup_types.logs.kind=\"postgresql\"", "backup_types.logs.kind: backup type logs is always of kind files,"
                        + " got 'postgresql'; give the postgresql type another name"),
                arguments("backup_types.ML-Models={\"kind\": \"files\"}", "backup_types.ML-Models: not a valid backup type name:"
                        + " use lowercase letters, digits and '_', starting with a letter (at most 63 characters)"),
                arguments("backup_types.ml_models={\"kind\": \"files\", \"source\": {}}", "backup_types.ml_models.source.paths:"
                        + " required for a ml_models source"),
                arguments("backupdir=\"x\"", "backupdir: unknown key; expected one of backup_dir, backup_types, storage, "
                        + "encryption, alerts, operations, management, cluster; did you mean 'backup_dir'?"),
                arguments("verbose=true", "verbose: unknown key; expected one of backup_dir, backup_types, storage, encryption, alerts, operations, management, cluster"),
                // per type
                arguments("backup_types.milvus.retention_days=-3", "backup_types.milvus.retention_days: must be a positive integer, got -3"),
                arguments("backup_types.milvus.retention_days=3.5", "backup_types.milvus.retention_days: must be a positive integer, got 3.5"),
                arguments("backup_types.milvus.retention_days=\"3\"", "backup_types.milvus.retention_days: must be a positive integer, got \"3\""),
                arguments("backup_types.logs.min_keep=0", "backup_types.logs.min_keep: must be a positive integer, got 0"),
                arguments("backup_types.logs.keep_last=0", "backup_types.logs.keep_last: must be a positive integer, got 0"),
                arguments("backup_types.logs.keep_daily=-1", "backup_types.logs.keep_daily: must be a positive integer, got -1"),
                arguments("backup_types.logs.keep_weekly=1.5", "backup_types.logs.keep_weekly: must be a positive integer, got 1.5"),
                arguments("backup_types.logs.keep_monthly=\"6\"", "backup_types.logs.keep_monthly: must be a positive integer, got \"6\""),
                arguments("backup_types.logs.keep_yearly=0", "backup_types.logs.keep_yearly: must be a positive integer, got 0"),
                arguments("backup_types.logs.enabled=\"yes\"", "backup_types.logs.enabled: must be a boolean (true or false), got \"yes\""),
                arguments("backup_types.logs.encrypt=1", "backup_types.logs.encrypt: must be a boolean (true or false), got 1"),
                arguments("backup_types.logs.schedule=\"2 * * *\"", "backup_types.logs.schedule: must be a crontab expression of 5 fields "
                        + "(minute hour day-of-month month day-of-week) or a Quartz one of 6 or 7"),
                arguments("backup_types.logs.schedule=\"0 2 1 * MON\"", "backup_types.logs.schedule: '0 2 1 * MON' restricts both day-of-month and day-of-week"),
                arguments("backup_types.logs.schedule=\"0 2 * * 8\"", "backup_types.logs.schedule: day-of-week '8' of '0 2 * * 8' is not crontab syntax"),
                arguments("backup_types.logs.schedule=\"0 25 * * *\"", "backup_types.logs.schedule: not a valid cron expression '0 25 * * *' (Quartz '0 0 25 * * ?'): Hour"),
                arguments("backup_types.logs.schedule=\"0 0 0 30 2 ?\"", "backup_types.logs.schedule: '0 0 0 30 2 ?' never fires; give a schedule that fires at least once a year"),
                arguments("backup_types.logs.schedule=\"0 0 0 29 2 ?\"", "backup_types.logs.schedule: '0 0 0 29 2 ?' fires less than once a year"),
                arguments("backup_types.logs.schedule=\"0 0 2 * * *\"", "backup_types.logs.schedule: not a valid Quartz cron expression '0 0 2 * * *': Support for specifying both"),
                arguments("backup_types.logs.schedule=\"0 0 25 * * ?\"", "backup_types.logs.schedule: not a valid Quartz cron expression '0 0 25 * * ?': Hour"),
                arguments("backup_types.logs.compression=\"rar\"", "backup_types.logs.compression: must be one of gzip, bzip2, lzma, zstd, none, got 'rar'"),
                arguments("backup_types.logs.compression=\"gzip\"; backup_types.logs.compression_level=10", "backup_types.logs.compression_level: gzip accepts levels 1 to 9, got 10"),
                arguments("backup_types.logs.compression=\"bzip2\"; backup_types.logs.compression_level=0", "backup_types.logs.compression_level: bzip2 accepts levels 1 to 9, got 0"),
                arguments("backup_types.logs.compression=\"lzma\"; backup_types.logs.compression_level=10", "backup_types.logs.compression_level: lzma accepts levels 0 to 9, got 10"),
                arguments("backup_types.logs.compression=\"zstd\"; backup_types.logs.compression_level=25", "backup_types.logs.compression_level: zstd accepts levels 1 to 19, got 25"),
                arguments("backup_types.logs.compression=\"none\"; backup_types.logs.compression_level=0", "backup_types.logs.compression_level: compression none takes no level"),
                arguments("backup_types.logs.compression_level=\"high\"", "backup_types.logs.compression_level: must be an integer, got \"high\""),
                arguments("backup_types.logs.compression_threads=0", "backup_types.logs.compression_threads: must be an integer from 1 to 64, got 0"),
                arguments("backup_types.logs.compression_threads=65", "backup_types.logs.compression_threads: must be an integer from 1 to 64, got 65"),
                arguments("backup_types.logs.compression_threads=\"4\"", "backup_types.logs.compression_threads: must be an integer from 1 to 64, got \"4\""),
                arguments("backup_types.logs.storage=[]", "backup_types.logs.storage: must list at least one entry"),
                arguments("backup_types.logs.storage=\"local\"", "backup_types.logs.storage: must be a list of strings, got \"local\""),
                arguments("backup_types.logs.storage=[\"nas\"]", "backup_types.logs.storage[0]: no storage target named 'nas'; defined targets: local, s3, gcs, azure"),
                arguments("backup_types.logs.storage=[\"local\", \"locl\"]", "backup_types.logs.storage[1]: no storage target named 'locl'; defined targets: local, s3, gcs, azure; did you mean 'local'?"),
                arguments("backup_types.logs.storage=[\"local\", \"local\"]", "backup_types.logs.storage[1]: 'local' is listed twice"),
                arguments("-backup_types.logs.source", "backup_types.logs.source: required for an enabled backup type (or set enabled to false)"),
                arguments("backup_types.logs.source=[]", "backup_types.logs.source: must be an object, got []"),
                arguments("backup_types.logs.retension_days=5", "backup_types.logs.retension_days: unknown key; expected one of kind, enabled, "
                        + "schedule, retention_days, min_keep, keep_last, keep_daily, keep_weekly, keep_monthly, keep_yearly, compression, compression_level, compression_threads, encrypt, storage, format, repository, source, drill; did you mean 'retention_days'?"),
                // files sources
                arguments("-backup_types.data_files.source.paths", "backup_types.data_files.source.paths: required for a data_files source"),
                arguments("backup_types.data_files.source.paths=[]", "backup_types.data_files.source.paths: must list at least one entry"),
                arguments("backup_types.data_files.source.paths=[\"data\", \"\"]", "backup_types.data_files.source.paths[1]: must be a non-empty string, got \"\""),
                arguments("backup_types.data_files.source.paths=[\"data\", 5]", "backup_types.data_files.source.paths[1]: must be a non-empty string, got 5"),
                arguments("backup_types.data_files.source.paths=[\"da\\u0000ta\"]", "backup_types.data_files.source.paths[0]: not a valid path"),
                arguments("backup_types.data_files.source.exclude=[\"*.tmp\", \"[a-\"]", "backup_types.data_files.source.exclude[1]: not a valid glob pattern"),
                arguments("backup_types.data_files.source.exclude=\"*.tmp\"", "backup_types.data_files.source.exclude: must be a list of strings"),
                arguments("backup_types.logs.source.path=[\"logs\"]", "backup_types.logs.source.path: unknown key; expected one of paths, exclude; did you mean 'paths'?"),
                // storage format and repository settings
                arguments("backup_types.logs.format=\"repo\"", "backup_types.logs.format: must be one of 'archive', 'repository', got 'repo'"),
                arguments("backup_types.data_files.repository={\"pack_size_mb\": 0}", "backup_types.data_files.repository.pack_size_mb: must be an integer from 1 to 1024, got 0"),
                arguments("backup_types.data_files.repository={\"chunk_min_kib\": 2048}", "backup_types.data_files.repository.chunk_avg_kib: chunk sizes must grow:"
                        + " chunk_min_kib < chunk_avg_kib < chunk_max_kib, got 2048, 1024, 8192"),
                arguments("backup_types.data_files.repository={\"pack_sise_mb\": 8}", "backup_types.data_files.repository.pack_sise_mb: unknown key; expected one of"
                        + " pack_size_mb, chunk_min_kib, chunk_avg_kib, chunk_max_kib, upload_connections, files_cache, repack_unused_percent, lock_wait_minutes; did you mean 'pack_size_mb'?"),
                arguments("backup_types.data_files.repository={\"repack_unused_percent\": 0}",
                        "backup_types.data_files.repository.repack_unused_percent: must be an integer from 1 to 100, got 0"),
                arguments("backup_types.data_files.repository={\"lock_wait_minutes\": -1}",
                        "backup_types.data_files.repository.lock_wait_minutes: must be an integer from 0 to 1440, got -1"),
                arguments("backup_types.data_files.repository={\"files_cache\": \"off\"}", "backup_types.data_files.repository.files_cache: must be a"
                        + " boolean (true or false), got \"off\""),
                arguments("backup_types.neo4j.format=\"repository\"; backup_types.neo4j.repository={\"files_cache\": false}",
                        "backup_types.neo4j.repository.files_cache: only a files type skips unchanged files; remove files_cache from this neo4j type"),
                arguments("backup_types.logs.repository={\"pack_size_mb\": 8}", "backup_types.logs.repository: only used when format is"
                        + " \"repository\"; set that, or remove the repository block"),
                // postgresql source
                arguments("backup_types.postgresql.source.host=\"\"", "backup_types.postgresql.source.host: must be a non-empty string, got \"\""),
                arguments("backup_types.postgresql.source.port=0", "backup_types.postgresql.source.port: must be an integer from 1 to 65535, got 0"),
                arguments("backup_types.postgresql.source.port=70000", "backup_types.postgresql.source.port: must be an integer from 1 to 65535, got 70000"),
                arguments("-backup_types.postgresql.source.user", "backup_types.postgresql.source.user: required for a postgresql source"),
                arguments("-backup_types.postgresql.source.databases", "backup_types.postgresql.source.databases: required for a postgresql source"),
                arguments("backup_types.postgresql.source.databases=[]", "backup_types.postgresql.source.databases: must list at least one entry"),
                arguments("backup_types.postgresql.source.databases=[\":globals\"]; -backup_types.postgresql.drill.assertions", "backup_types.postgresql.source.databases: a database"
                        + " name starting with ':' is not supported; to back up roles and tablespaces set globals to true"),
                arguments("backup_types.postgresql.source.databases=[\"movies\", \"movies\"]; -backup_types.postgresql.drill.assertions", "backup_types.postgresql.source.databases[1]: 'movies' is listed twice"),
                arguments("backup_types.postgresql.source.format=\"tar\"", "backup_types.postgresql.source.format: must be one of 'plain', 'custom', got 'tar'"),
                arguments("backup_types.postgresql.source.globals=\"no\"", "backup_types.postgresql.source.globals: must be a boolean"),
                arguments("backup_types.postgresql.source.bin_dir=5", "backup_types.postgresql.source.bin_dir: must be a string, got 5"),
                arguments("backup_types.postgresql.source.database=\"movies\"", "backup_types.postgresql.source.database: unknown key; "
                        + "expected one of host, port, user, password_env, password_file, databases, format, globals, bin_dir; did you mean 'databases'?"),
                // neo4j source
                arguments("-backup_types.neo4j.source.uri", "backup_types.neo4j.source.uri: required for a neo4j source"),
                arguments("backup_types.neo4j.source.uri=\"http://graph:7474\"", "backup_types.neo4j.source.uri: must be a URI with scheme bolt, bolt+s, bolt+ssc, neo4j, neo4j+s, neo4j+ssc and a host, got 'http://graph:7474'"),
                arguments("backup_types.neo4j.source.user=\"\"", "backup_types.neo4j.source.user: must be a non-empty string"),
                arguments("backup_types.neo4j.source.database=7", "backup_types.neo4j.source.database: must be a non-empty string, got 7"),
                arguments("backup_types.neo4j.source.mode=\"online\"", "backup_types.neo4j.source.mode: must be one of 'logical', 'admin_dump', got 'online'"),
                arguments("backup_types.neo4j.source.admin_command=\"\"", "backup_types.neo4j.source.admin_command: must be a non-empty string"),
                // milvus source
                arguments("-backup_types.milvus.source.uri", "backup_types.milvus.source.uri: required for a milvus source"),
                arguments("backup_types.milvus.source.uri=\"grpc://milvus:19530\"", "backup_types.milvus.source.uri: must be a URI with scheme http, https and a host"),
                arguments("backup_types.milvus.source.database=\"\"", "backup_types.milvus.source.database: must be a non-empty string"),
                arguments("backup_types.milvus.source.collections=[\"a\", \"a\"]; -backup_types.milvus.drill.assertions", "backup_types.milvus.source.collections[1]: 'a' is listed twice"),
                arguments("backup_types.milvus.source.collections=\"a\"", "backup_types.milvus.source.collections: must be a list of strings"),
                // literal secrets, wherever they are
                arguments("backup_types.postgresql.source.password=\"x\"", "backup_types.postgresql.source.password: " + LITERAL
                        + "password_env (name of an environment variable) or password_file (path of a file) instead"),
                arguments("backup_types.neo4j.source.password=\"x\"", "backup_types.neo4j.source.password: " + LITERAL + "password_env"),
                arguments("backup_types.milvus.source.token=\"x\"", "backup_types.milvus.source.token: " + LITERAL + "token_env"),
                arguments("storage.azure.connection_string=\"x\"", "storage.azure.connection_string: " + LITERAL + "connection_string_env"),
                arguments("storage.s3.access_key_id=\"x\"", "storage.s3.access_key_id: " + LITERAL + "access_key_id_env"),
                arguments("storage.s3.secret_access_key=\"x\"", "storage.s3.secret_access_key: " + LITERAL + "secret_access_key_env"),
                arguments("storage.gcs.secret=\"x\"", "storage.gcs.secret: " + LITERAL + "secret_env"),
                arguments("alerts.slack.webhook_url=\"https://hooks.slack.com/x\"", "alerts.slack.webhook_url: " + LITERAL + "webhook_url_env"),
                arguments("encryption.keyset=\"x\"", "encryption.keyset: " + LITERAL + "keyset_env"),
                arguments("backup_types.logs.api_key=\"x\"", "backup_types.logs.api_key: " + LITERAL + "api_key_env"),
                arguments("backup_types.token=\"x\"", "backup_types.token: " + LITERAL + "token_env"),
                arguments("password=\"x\"", "password: " + LITERAL + "password_env"),
                // secret references
                arguments("backup_types.postgresql.source.password_file=\"pg.secret\"", "backup_types.postgresql.source.password_file: give either password_env or password_file, not both"),
                arguments("backup_types.postgresql.source.password_env=\"1PASSWORD\"", "backup_types.postgresql.source.password_env: must be the name of an environment variable"),
                arguments("backup_types.postgresql.source.password_env=5", "backup_types.postgresql.source.password_env: must be a string, got 5"),
                arguments("encryption.keyset_env=\"KEY-SET\"", "encryption.keyset_env: must be the name of an environment variable"),
                arguments("encryption.keyset_files=\"k\"", "encryption.keyset_files: unknown key; expected one of keyset_file, keyset_env; did you mean 'keyset_file'?"),
                // storage
                arguments("storage=[]", "storage: must be an object, got []"),
                arguments("storage.nas={\"type\": \"ftp\", \"host\": \"nas\"}", "storage.nas.type: must be one of local, s3, gcs, azure, got 'ftp'"),
                arguments("storage.nas={\"path\": \"nas\"}", "storage.nas.type: required (one of local, s3, gcs, azure)"),
                arguments("storage.my store={\"type\": \"local\", \"path\": \"x\"}", "storage.my store: storage target names may use only letters, digits, '_' and '-'"),
                // a broken target that a type uses is reported where it is defined, not again at the reference
                arguments("storage.gcs.type=\"gce\"", "storage.gcs.type: must be one of local, s3, gcs, azure, got 'gce'; did you mean 'gcs'?"),
                arguments("storage.gcs=[]", "storage.gcs: must be an object, got []"),
                arguments("storage.gcs={}", "storage.gcs.type: required (one of local, s3, gcs, azure)"),
                arguments("-storage.local.path", "storage.local.path: required for a local storage target"),
                arguments("storage.local.path=\"\"", "storage.local.path: required for a local storage target"),
                arguments("storage.local.bucket=\"b\"", "storage.local.bucket: unknown key; expected one of type, path, limit_upload_kib, limit_download_kib"),
                arguments("storage.local.limit_upload_kib=0", "storage.local.limit_upload_kib: must be a positive integer, got 0"),
                arguments("storage.s3.limit_upload_kib=-512", "storage.s3.limit_upload_kib: must be a positive integer, got -512"),
                arguments("storage.gcs.limit_download_kib=2.5", "storage.gcs.limit_download_kib: must be a positive integer, got 2.5"),
                arguments("storage.azure.limit_download_kib=\"1024\"", "storage.azure.limit_download_kib: must be a positive integer, got \"1024\""),
                arguments("-storage.s3.bucket", "storage.s3.bucket: required for an s3 storage target"),
                arguments("storage.s3.bucket=\"Movie_Backups\"", "storage.s3.bucket: must be 3 to 63 characters of a-z, 0-9, '.' and '-', got 'Movie_Backups'"),
                arguments("-storage.s3.region", "storage.s3.region: required for an s3 storage target without an endpoint"),
                arguments("storage.s3.prefix=\"/prod\"", "storage.s3.prefix: must not start with '/', got '/prod'"),
                arguments("storage.s3.endpoint=\"minio:9000\"", "storage.s3.endpoint: must be a URI with scheme http, https and a host, got 'minio:9000'"),
                arguments("storage.s3.path_style=\"true\"", "storage.s3.path_style: must be a boolean"),
                arguments("-storage.s3.secret_access_key_file", "storage.s3.secret_access_key: required with the other half of the key pair; give secret_access_key_env or secret_access_key_file"),
                arguments("-storage.s3.access_key_id_env", "storage.s3.access_key_id: required with the other half of the key pair"),
                arguments("storage.s3.server_side_encryption=\"KMS\"", "storage.s3.server_side_encryption: must be one of '', 'AES256', 'aws:kms', got 'KMS'"),
                arguments("storage.s3.server_side_encryption=\"AES256\"", "storage.s3.kms_key_id: only used with server_side_encryption \"aws:kms\""),
                arguments("storage.s3.part_size_mb=4", "storage.s3.part_size_mb: must be an integer from 5 to 5120, got 4"),
                arguments("storage.s3.regin=\"eu\"", "storage.s3.regin: unknown key; expected one of type, bucket, region, prefix, endpoint, "
                        + "path_style, access_key_id_env, access_key_id_file, secret_access_key_env, secret_access_key_file, "
                        + "server_side_encryption, kms_key_id, part_size_mb, limit_upload_kib, limit_download_kib; did you mean 'region'?"),
                arguments("-storage.gcs.bucket", "storage.gcs.bucket: required for a gcs storage target"),
                arguments("storage.gcs.credentials_file=3", "storage.gcs.credentials_file: must be a string, got 3"),
                arguments("storage.gcs.prefix=\"/graph\"", "storage.gcs.prefix: must not start with '/'"),
                arguments("-storage.azure.container", "storage.azure.container: required for an azure storage target"),
                arguments("storage.azure.container=\"Movie_Backups\"", "storage.azure.container: must be 3 to 63 characters of lowercase letters, digits and '-'"),
                // alerts
                arguments("alerts.email.smtp_host=\"\"", "alerts.email.smtp_host: required when email alerts are enabled"),
                arguments("alerts.email.from=\"\"", "alerts.email.from: required when email alerts are enabled"),
                arguments("alerts.email.from=\"backups\"", "alerts.email.from: must be an email address like backups@example.com, got 'backups'"),
                arguments("alerts.email.to=[]", "alerts.email.to: must list at least one address when email alerts are enabled"),
                arguments("alerts.email.to=[\"ops@example.com\", \"oncall\"]", "alerts.email.to[1]: must be an email address"),
                // operations
                arguments("operations.validate_all_schedule=\"weekly\"", "operations.validate_all_schedule: must be a crontab expression of 5 fields"),
                arguments("operations.validate_all_schedule=\"0 0 31 2 *\"", "operations.validate_all_schedule: '0 0 31 2 *' never fires"),
                arguments("operations.validate_subset_schedule=\"daily\"", "operations.validate_subset_schedule: must be a crontab expression of 5 fields"),
                arguments("operations.validate_subset=\"0%\"", "operations.validate_subset: '0%' is not a share from 0% (excluded) to 100%"),
                arguments("operations.validate_subset=\"5 parsecs\"", "operations.validate_subset: '5 parsecs' is neither a share like 5% or 2.5%"
                        + " nor a size like 500MiB or 2GiB (KiB, MiB, GiB, TiB)"),
                arguments("operations.validate_after_backup=\"no\"", "operations.validate_after_backup: must be a boolean"),
                arguments("operations.overdue_check_minutes=0", "operations.overdue_check_minutes: must be an integer from 1 to 1440, got 0"),
                arguments("operations.max_clock_skew_minutes=0", "operations.max_clock_skew_minutes: must be an integer from 1 to 1440, got 0"),
                arguments("operations.max_clock_skew_minutes=1441", "operations.max_clock_skew_minutes: must be an integer from 1 to 1440, got 1441"),
                arguments("operations.retry.max_redeliveries=-1", "operations.retry.max_redeliveries: must be an integer from 0 to 20, got -1"),
                arguments("operations.retry.backoff=2", "operations.retry.backoff: unknown key; expected one of max_redeliveries, delay_seconds, backoff_multiplier"),
                // management
                arguments("management.token=\"x\"", "management.token: " + LITERAL + "token_env"),
                arguments("management.host=\"\"", "management.host: must be a non-empty string, got \"\""),
                arguments("management.port=0", "management.port: must be an integer from 1 to 65535, got 0"),
                arguments("management.token_env=\"MGMT_TOKEN\"; management.allow_unauthenticated=true",
                        "management.allow_unauthenticated: cannot be true when token_env or token_file is set; remove one of them"),
                arguments("management.bind=\"0.0.0.0\"", "management.bind: unknown key; expected one of host, port, token_env, token_file, "
                        + "allow_unauthenticated"),
                // cluster
                arguments("-cluster.jdbc_url", "cluster.jdbc_url: required the PostgreSQL database the cluster's schedules and locks live in"),
                arguments("cluster.jdbc_url=\"jdbc:mysql://db/backroute?user=x\"",
                        "cluster.jdbc_url: must be a PostgreSQL JDBC URL, jdbc:postgresql://HOST:PORT/DATABASE, got 'jdbc:mysql://db/backroute?...'"),
                arguments("cluster.jdbc_url=\"jdbc:postgresql://db/backroute?ssl=true&Password=hunter2\"",
                        "cluster.jdbc_url: must not hold the password; give password_env or password_file instead"),
                arguments("cluster.jdbc_url=\"jdbc:postgresql://backroute:hunter2@db/backroute\"",
                        "cluster.jdbc_url: must not hold a user or password before '@'; give user, and password_env or password_file, instead"),
                arguments("cluster.password=\"x\"", "cluster.password: " + LITERAL + "password_env"),
                arguments("cluster.instance=\"host a\"",
                        "cluster.instance: must be 1-63 letters, digits, '.', '_' or '-' starting with a letter or digit, got 'host a'"),
                arguments("cluster.checkin_seconds=0", "cluster.checkin_seconds: must be an integer from 1 to 300, got 0"),
                arguments("cluster.members=3", "cluster.members: unknown key; expected one of enabled, jdbc_url, user, password_env, "
                        + "password_file, instance, checkin_seconds"),
                arguments("alerts.email.smtp_port=0", "alerts.email.smtp_port: must be an integer from 1 to 65535, got 0"),
                arguments("alerts.email.tls=\"tls\"", "alerts.email.tls: must be one of 'none', 'starttls', 'ssl', got 'tls'"),
                arguments("alerts.email.enabled=\"true\"", "alerts.email.enabled: must be a boolean"),
                arguments("alerts.email.smtp_hots=\"x\"", "alerts.email.smtp_hots: unknown key; expected one of enabled, smtp_host, smtp_port, "
                        + "tls, from, to, username_env, username_file, password_env, password_file; did you mean 'smtp_host'?"),
                arguments("-alerts.slack.webhook_url_env", "alerts.slack.webhook_url: required when Slack alerts are enabled; give webhook_url_env or webhook_url_file"),
                arguments("alerts.pager={}", "alerts.pager: unknown key; expected one of email, slack, throttle_minutes"),
                arguments("alerts.throttle_minutes=0", "alerts.throttle_minutes: must be a positive integer, got 0"),
                arguments("alerts.throttle_minutes=\"4h\"", "alerts.throttle_minutes: must be a positive integer, got \"4h\""),
                arguments("alerts=true", "alerts: must be an object, got true"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("brokenFields")
    void aBrokenFieldIsReportedWithItsJsonPath(String mutation, String expected) {
        ConfigException e = catchThrowableOfType(ConfigException.class,
                () -> TestConfigs.load(dir, TestConfigs.fullWith(mutation)));

        assertThat(e).as("load must fail").isNotNull();
        assertThat(e.problems()).extracting(ConfigException.Problem::line).singleElement().asString().startsWith(expected);
        assertThat(e.getMessage()).isEqualTo(e.problems().get(0).line());
        assertThat(e.path()).isEqualTo(expected.substring(0, expected.indexOf(": ")));
    }
}
