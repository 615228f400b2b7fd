package dev.backroute.neo4j;

import dev.backroute.backup.ExportingKind;
import dev.backroute.backup.RunStage;
import dev.backroute.catalog.BackupRecord;
import dev.backroute.config.BackupConfig;
import dev.backroute.config.ConfigException;
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
import java.io.OutputStream;
import java.util.List;
import java.util.Map;

/**
 * The neo4j kind: its source block, the export check and {@link Neo4jRestorer}; a neo4j-admin dump only to a folder.
 *
 * <p>Drills restore into a scratch server of their own ({@code drill.uri}): Community Edition has one user database, so
 * there is none to make beside the source. The source is never written: the drill connects to it only to read its
 * store id in a read session; {@link SourceGuard} refuses a scratch database with the source's store id (live, or as
 * the backup recorded it), whatever name reaches it; and {@link ScratchDatabase} wipes only a database that is empty or
 * holds a marker only the drill host can make. The config's refusal of a {@code drill.uri} naming the source's server
 * and database only catches the plain mistake early.
 */
public final class Neo4jKind implements DatabaseKind, ExportingKind, DrillKind {
    @Override
    public String name() {
        return "neo4j";
    }

    @Override
    public List<String> artifactBases() {
        return List.of("jsonl", "dump");
    }

    @Override
    public RunStage export(BackupConfig config, Map<String, String> env) {
        return new Neo4jExport(env);
    }

    @Override
    public SourceConfig readSource(String type, Fields f) {
        String uri = f.required("uri", "for a neo4j source, e.g. bolt://localhost:7687");
        f.checkUri("uri", uri, Neo4jConnection.SCHEMES);
        String user = f.nonEmpty("user", "neo4j");
        SecretRef password = f.secret("password");
        String database = f.nonEmpty("database", "neo4j");
        String mode = f.choice("mode", "logical", List.of("logical", "admin_dump"));
        return new Neo4jSource(uri, user, password, database, mode, f.nonEmpty("admin_command", "neo4j-admin"));
    }

    @Override
    public DrillSettings readDrill(String type, SourceConfig source, Fields f) {
        return Neo4jDrillSettings.read(source, f);
    }

    @Override
    public Scratch prepare(Drill drill) throws IOException {
        String type = drill.type().name();
        if ("dump".equals(ArtifactForm.of(drill.type(), drill.backup()).base())) {
            throw new ConfigException("backup_types." + type + ".drill", "backup " + drill.backup().id() + " of type " + type
                    + " is a neo4j-admin dump, which loads only into a stopped database: it cannot be drilled into a running"
                    + " server; back the type up in source.mode logical, or set backup_types." + type + ".drill.enabled to false");
        }
        if (!(drill.settings().settings() instanceof Neo4jDrillSettings settings) || settings.uri() == null) {
            throw new ConfigException("backup_types." + type + ".drill.uri", "backup_types." + type + ".drill.uri: required to"
                    + " drill a neo4j type: set it to an empty scratch Neo4j server (bolt://host:port), which each drill wipes"
                    + " and restores into (Community Edition has one user database, so the source's server has no room for one),"
                    + " or set backup_types." + type + ".drill.enabled to false to leave it out of the scheduled drill");
        }
        ScratchDatabase database = new ScratchDatabase(drill, settings.server());
        database.claim();
        return new Neo4jScratch(drill, settings, database);
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
        // Refused before the backup is read: a dump only loads with neo4j-admin into a stopped database.
        if ("dump".equals(r.form().base())) {
            throw new ConfigException("--destination", "--destination " + r.destination() + ": backup " + r.backup().record().id()
                    + " is a neo4j-admin dump; recover it to a directory and load it with neo4j-admin database load");
        }
        if (r.source() instanceof ScratchDatabase scratch) { // a drill's: Neo4jScratch hands recover its claimed database
            return r.fromVerifiedCopy(scratch::restore);
        }
        return r.fromVerifiedCopy(in -> new Neo4jRestorer((Neo4jSource) r.source(), r.env()).restore(in, r.destination(), r.options().overwrite()));
    }
}
