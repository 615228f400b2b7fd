package dev.backroute.milvus;

import dev.backroute.backup.StreamedExport;

import java.util.Map;

/** Source of the milvus kind: the collections' export over gRPC, as JSON Lines. */
public final class MilvusExport extends StreamedExport {

    public MilvusExport(Map<String, String> env) {
        super(type -> new Export(".jsonl", new MilvusExporter((MilvusSource) type.source(), env)::export));
    }
}
