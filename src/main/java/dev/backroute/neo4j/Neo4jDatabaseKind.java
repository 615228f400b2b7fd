package dev.backroute.neo4j;

import dev.backroute.catalog.BackupRecord;
import dev.backroute.config.ConfigException;
import dev.backroute.config.Neo4jSource;
import dev.backroute.restore.ArtifactDecoder;
import dev.backroute.restore.ArtifactForm;
import dev.backroute.restore.DatabaseKind;
import dev.backroute.restore.ServerRestore;

import java.io.IOException;
import java.io.OutputStream;
import java.util.Map;

/** Neo4j's part in validate and recover: the export check and {@link Neo4jRestorer}; a neo4j-admin dump only to a folder. */
public final class Neo4jDatabaseKind implements DatabaseKind {

    @Override
    public String kind() {
        return "neo4j";
    }

    @Override
    public ArtifactDecoder.PlaintextReader<String> structureCheck(ArtifactForm form, BackupRecord record) {
        // neo4j-admin's dump format is its own; the checksums are what can be checked without it.
        return "dump".equals(form.base())
                ? in -> "neo4j-admin dump, " + in.transferTo(OutputStream.nullOutputStream()) + " bytes"
                : Neo4jExportFormat::verify;
    }

    @Override
    public Map<String, Object> toServer(ServerRestore r) throws IOException {
        return r.fromVerifiedCopy(in -> {
            if ("dump".equals(r.form().base())) {
                throw new ConfigException("--destination", "--destination " + r.destination() + ": backup " + r.backup().record().id()
                        + " is a neo4j-admin dump; recover it to a directory and load it with neo4j-admin database load");
            }
            return new Neo4jRestorer((Neo4jSource) r.source(), r.env()).restore(in, r.destination(), r.options().overwrite());
        });
    }
}
