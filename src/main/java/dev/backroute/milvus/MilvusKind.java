package dev.backroute.milvus;

import dev.backroute.backup.ExportingKind;
import dev.backroute.backup.RunStage;
import dev.backroute.catalog.BackupRecord;
import dev.backroute.config.BackupConfig;
import dev.backroute.config.DrillSettings;
import dev.backroute.config.Fields;
import dev.backroute.config.SecretRef;
import dev.backroute.config.SourceConfig;
import dev.backroute.drill.Drill;
import dev.backroute.drill.DrillKind;
import dev.backroute.drill.Scratch;
import dev.backroute.restore.ArtifactDecoder;
import dev.backroute.restore.ArtifactForm;
import dev.backroute.restore.DatabaseKind;
import dev.backroute.restore.ServerRestore;

import java.io.IOException;
import java.util.List;
import java.util.Map;

/** The milvus kind: its source block, the export check, {@link MilvusRestorer} and its drill ({@link MilvusScratch}). */
public final class MilvusKind implements DatabaseKind, ExportingKind, DrillKind {

    @Override
    public String name() {
        return "milvus";
    }

    @Override
    public List<String> artifactBases() {
        return List.of("jsonl");
    }

    @Override
    public RunStage export(BackupConfig config, Map<String, String> env) {
        return new MilvusExport(env);
    }

    @Override
    public SourceConfig readSource(String type, Fields f) {
        String uri = f.required("uri", "for a milvus source, e.g. http://localhost:19530");
        f.checkUri("uri", uri, List.of("http", "https"));
        SecretRef token = f.secret("token");
        String database = f.nonEmpty("database", "default");
        return new MilvusSource(uri, token, database, List.copyOf(f.strings("collections", List.of()).keySet()));
    }

    @Override
    public DrillSettings readDrill(String type, SourceConfig source, Fields f) {
        return MilvusDrillSettings.read((MilvusSource) source, f);
    }

    @Override
    public Scratch prepare(Drill drill) throws IOException {
        return MilvusScratch.prepare(drill);
    }

    @Override
    public ArtifactDecoder.PlaintextReader<String> structureCheck(ArtifactForm form, BackupRecord record) {
        return MilvusExportFormat::verify;
    }

    @Override
    public Map<String, Object> toServer(ServerRestore r) throws IOException {
        MilvusRestorer restorer = r.source() instanceof MilvusDrillTarget drill
                ? new MilvusRestorer(drill.server(), r.env()).marking(drill.mark())
                : new MilvusRestorer((MilvusSource) r.source(), r.env());
        return r.fromVerifiedCopy(in -> restorer.restore(in, r.destination(), r.options().renameSuffix(), r.options().renameTo(),
                r.options().overwrite()));
    }
}
