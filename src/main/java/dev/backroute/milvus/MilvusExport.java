package dev.backroute.milvus;

import dev.backroute.backup.StreamedExport;

import java.util.Map;

/**
 * Source of the milvus kind: the collections' export over gRPC, as JSON Lines, and the answers of the drill's vector
 * searches on the source (a search that fails is a warning of the run, not a failed backup).
 */
public final class MilvusExport extends StreamedExport {

    public MilvusExport(Map<String, String> env) {
        super((type, warn) -> new Export(".jsonl", new MilvusExporter((MilvusSource) type.source(), env)
                .searches(MilvusDrillSettings.searchesOf(type), warn)::export));
    }
}
