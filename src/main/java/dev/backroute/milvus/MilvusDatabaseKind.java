package dev.backroute.milvus;

import dev.backroute.catalog.BackupRecord;
import dev.backroute.config.MilvusSource;
import dev.backroute.restore.ArtifactDecoder;
import dev.backroute.restore.ArtifactForm;
import dev.backroute.restore.DatabaseKind;
import dev.backroute.restore.ServerRestore;

import java.io.IOException;
import java.util.Map;

/** Milvus's part in validate and recover: the export check and {@link MilvusRestorer}. */
public final class MilvusDatabaseKind implements DatabaseKind {

    @Override
    public String kind() {
        return "milvus";
    }

    @Override
    public ArtifactDecoder.PlaintextReader<String> structureCheck(ArtifactForm form, BackupRecord record) {
        return MilvusExportFormat::verify;
    }

    @Override
    public Map<String, Object> toServer(ServerRestore r) throws IOException {
        return r.fromVerifiedCopy(in -> new MilvusRestorer((MilvusSource) r.source(), r.env())
                .restore(in, r.destination(), r.options().renameSuffix(), r.options().renameTo(), r.options().overwrite()));
    }
}
