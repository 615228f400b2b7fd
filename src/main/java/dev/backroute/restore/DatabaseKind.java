package dev.backroute.restore;

import dev.backroute.catalog.BackupRecord;
import dev.backroute.config.SourceKind;

import java.io.IOException;
import java.util.Map;

/**
 * A source kind whose backups are a database's export (postgresql, neo4j, milvus): what validate and
 * recover need from it. Registered like every {@link SourceKind}; restore finds it among them, so the
 * kinds build on restore's decoder and exceptions while restore depends on no kind.
 */
public interface DatabaseKind extends SourceKind {

    /** The structural check of a backup's plaintext in {@code form}: run by validate and before recover writes anything. */
    ArtifactDecoder.PlaintextReader<String> structureCheck(ArtifactForm form, BackupRecord record);

    /** Restores the backup into the server at the request's destination; returns the counts or facts to report. */
    Map<String, Object> toServer(ServerRestore request) throws IOException;
}
