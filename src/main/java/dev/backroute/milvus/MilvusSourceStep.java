package dev.backroute.milvus;

import dev.backroute.backup.ExportSourceStep;

import java.util.Map;

/** Source step of the milvus types: the collections' export over gRPC, as JSON Lines. */
public final class MilvusSourceStep extends ExportSourceStep {

    public MilvusSourceStep(Map<String, String> env) {
        super(type -> new Export(".jsonl", new MilvusExporter((MilvusSource) type.source(), env)::export));
    }
}
