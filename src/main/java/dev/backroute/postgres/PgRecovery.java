package dev.backroute.postgres;

import dev.backroute.Interruption;
import dev.backroute.catalog.BackupRecord;
import dev.backroute.catalog.LocatedBackup;
import dev.backroute.restore.ArtifactDecoder;
import dev.backroute.restore.DecodedFiles;
import dev.backroute.restore.DestinationNotEmptyException;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Restores a PostgreSQL backup. The artifact is first decoded into a private file under the staging
 * folder while every checksum is verified, so nothing touches the target database unless the whole
 * backup is good; then psql (plain dumps, in one transaction) or pg_restore (custom dumps, {@code -j})
 * loads it. The target database is created when missing; an existing non-empty one is refused unless
 * overwriting, which drops and recreates it. Of a custom dump, named tables and schemas alone can be restored
 * (a named schema the database lacks is created first, owned by the restoring user).
 */
public final class PgRecovery {

    private final PostgresSource source;
    private final Map<String, String> env;
    private final DecodedFiles files;
    private final Path stagingDir;
    private final Consumer<String> say;

    public PgRecovery(PostgresSource source, Map<String, String> env, ArtifactDecoder decoder, Path stagingDir, Consumer<String> say) {
        this.source = source;
        this.env = env;
        this.files = new DecodedFiles(decoder);
        this.stagingDir = stagingDir;
        this.say = say;
    }

    /**
     * @param tables  when not empty (or {@code schemas}), a custom dump's objects pg_restore restores: its {@code --table}
     * @param schemas its {@code --schema}
     */
    public Map<String, Object> toDatabase(LocatedBackup backup, String destinationUri, boolean overwrite, int jobs,
            List<String> tables, List<String> schemas) throws IOException {
        BackupRecord r = backup.record();
        boolean globals = Boolean.TRUE.equals(r.source().get("globals"));
        PgEndpoint target = PgEndpoint.parse(destinationUri, source, env);
        PgServer maintenance = new PgServer(target.withDatabase("postgres"));
        if (!globals) {
            checkTarget(target, maintenance, overwrite);
        }
        try (DecodedFiles.Temp decoded = files.decodeToTemp(backup, stagingDir);
             Interruption.Pending loading = Interruption.irreversible((globals ? "roles and tablespaces" : "database "
                     + target.database()) + " on " + target.describe() + " may be partly restored: run the same recover command again"
                     + (globals ? "" : ", adding --overwrite"))) {
            Path dump = decoded.file();
            if (!globals) {
                if (overwrite && maintenance.databaseExists(target.database())) {
                    say.accept("dropping and recreating database " + target.database() + " on " + target.describe());
                    maintenance.dropDatabase(target.database());
                }
                if (!maintenance.databaseExists(target.database())) {
                    maintenance.createDatabase(target.database());
                }
            }
            // The artifact's name, checked against the config and the dump's own header while decoding, says which tool reads it.
            boolean custom = r.artifactBaseName().endsWith(".dump");
            // pg_restore --schema restores what is in a schema, not the schema itself.
            for (String schema : schemas) {
                new PgServer(target).createSchemaIfMissing(schema);
            }
            PgTools tools = new PgTools(source, r.type());
            List<String> cmd = new ArrayList<>();
            if (custom) {
                cmd.add(tools.find("pg_restore").toString());
                cmd.addAll(List.of("--exit-on-error", "--jobs=" + Math.max(1, jobs)));
                // One argument each, "--table=NAME": a name can never be read as an option of its own.
                tables.forEach(t -> cmd.add("--table=" + t));
                schemas.forEach(s -> cmd.add("--schema=" + s));
                cmd.addAll(target.clientArgs());
                cmd.add(target.dbnameArg());
                cmd.add(dump.toString());
            } else {
                cmd.add(tools.find("psql").toString());
                // Globals (roles) may partly exist already on the target, so their restore goes on past errors.
                cmd.addAll(List.of("--no-psqlrc", "--quiet", "--set=ON_ERROR_STOP=" + (globals ? "0" : "1")));
                if (!globals) {
                    cmd.add("--single-transaction");
                }
                cmd.addAll(target.clientArgs());
                cmd.add((globals ? target.withDatabase("postgres") : target).dbnameArg());
                cmd.add("--file=" + dump);
            }
            run(cmd, target);
            Map<String, Object> result = new LinkedHashMap<>();
            result.put("database", globals ? null : target.database());
            result.put("server", target.describe());
            result.put("tool", custom ? "pg_restore" : "psql");
            return result;
        }
    }

    private void checkTarget(PgEndpoint target, PgServer maintenance, boolean overwrite) throws PgException {
        if (!maintenance.databaseExists(target.database()) || overwrite) {
            return;
        }
        long relations = new PgServer(target).userRelations();
        if (relations > 0) {
            throw new DestinationNotEmptyException("database " + target.database() + " on " + target.describe() + " is not empty ("
                    + relations + " relations): restore into a new database name, or pass --overwrite to drop and recreate it");
        }
    }

    private void run(List<String> cmd, PgEndpoint target) throws IOException {
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
        pb.environment().clear();
        pb.environment().putAll(target.childEnvironment(env));
        Process p = pb.start();
        TailBuffer output = new TailBuffer();
        try (InputStream in = p.getInputStream()) {
            in.transferTo(output);
        }
        try {
            p.waitFor();
        } catch (InterruptedException e) {
            p.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while restoring", e);
        }
        String program = Path.of(cmd.get(0)).getFileName().toString();
        if (p.exitValue() != 0) {
            throw new PgException(program + " failed restoring into " + target.database() + " on " + target.describe()
                    + " (exit status " + p.exitValue() + "): " + PgErrorLines.withoutRowData(new String(output.bytes(), StandardCharsets.UTF_8)));
        }
    }
}
