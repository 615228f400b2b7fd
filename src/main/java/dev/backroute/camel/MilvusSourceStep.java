package dev.backroute.camel;

import dev.backroute.milvus.MilvusExport;

/** Route step {@code milvusSourceStep}: {@link MilvusExport}. */
public final class MilvusSourceStep extends RunStep {
    MilvusSourceStep(MilvusExport stage) {
        super(stage);
    }
}
