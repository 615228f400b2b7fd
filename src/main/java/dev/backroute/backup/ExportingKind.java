package dev.backroute.backup;

import dev.backroute.config.BackupConfig;
import dev.backroute.config.SourceKind;

import java.util.Map;

/**
 * A source kind whose backup is one export per run, written straight into the pipeline (files as a tar,
 * Neo4j over Bolt, Milvus over gRPC). Such a kind needs nothing of the Camel layer: every type of it runs
 * through the shared route {@code source-export}, whose step asks the run's kind for its export.
 * A kind with its own way of capturing (PostgreSQL: pg_dump through camel-exec, one artifact per database)
 * is a plain {@link SourceKind} with a route {@code source-<kind>} of its own.
 */
public interface ExportingKind extends SourceKind {

    /** The export of any type of this kind, built once per runtime; it reads the run's type from the run. */
    RunStage export(BackupConfig config, Map<String, String> env);
}
