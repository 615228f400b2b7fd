package dev.backroute.config;

/** What a backup type captures; which kind depends on the type (see {@link BackupConfig#KNOWN_TYPES}). */
public sealed interface SourceConfig permits FilesSource, PostgresSource, Neo4jSource, MilvusSource {
}
