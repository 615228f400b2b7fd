package dev.backroute.restore;

import dev.backroute.catalog.BackupRecord;

import java.io.IOException;
import java.util.Map;

/**
 * What validate and recover need from a database kind (postgresql, neo4j, milvus). Each kind supplies
 * one from its own package, listed in {@code META-INF/services/dev.backroute.restore.DatabaseKind}, so
 * the kinds build on restore's decoder and exceptions while restore depends on no kind.
 */
public interface DatabaseKind {

    /** The kind as {@code TypeConfig.kind()} names it. */
    String kind();

    /** The structural check of a backup's plaintext in {@code form}: run by validate and before recover writes anything. */
    ArtifactDecoder.PlaintextReader<String> structureCheck(ArtifactForm form, BackupRecord record);

    /** Restores the backup into the server at the request's destination; returns the counts or facts to report. */
    Map<String, Object> toServer(ServerRestore request) throws IOException;
}
