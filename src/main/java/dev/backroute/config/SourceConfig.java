package dev.backroute.config;

/** What a backup type captures; its record belongs to the type's {@link SourceKind}. */
public interface SourceConfig {
}
