package dev.backroute.milvus;

import dev.backroute.backup.ExportSourceStep;
import dev.backroute.config.MilvusSource;

import java.util.Map;

/** Source step of the {@code milvus} type: the collections' export over gRPC, as JSON Lines. */
public final class MilvusSourceStep extends ExportSourceStep {

    public MilvusSourceStep(Map<String, String> env) {
        super(type -> new MilvusExporter((MilvusSource) type.source(), env)::export, ".jsonl");
    }
}
