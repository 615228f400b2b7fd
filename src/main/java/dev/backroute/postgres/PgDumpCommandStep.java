package dev.backroute.postgres;

import dev.backroute.BackrouteExchange;
import dev.backroute.backup.BackupRun;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.apache.camel.component.exec.ExecBinding;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Prepares the camel-exec call that dumps the run's current database: checks the server answers and
 * that pg_dump is not older than it (pg_dump refuses newer servers with a cryptic message), records the
 * server's facts for the manifest, and sets the exec headers so pg_dump writes to a staging file.
 */
public final class PgDumpCommandStep implements Processor {
    private final Map<String, String> env;

    public PgDumpCommandStep(Map<String, String> env) {
        this.env = env;
    }

    @Override
    public void process(Exchange exchange) throws Exception {
        BackupRun run = exchange.getProperty(BackrouteExchange.RUN, BackupRun.class);
        PostgresSource source = (PostgresSource) run.type().source();
        boolean globals = PgDumpUnits.GLOBALS.equals(run.unit());
        PgEndpoint endpoint = PgEndpoint.of(source, env, globals ? "postgres" : run.unit());
        Path program = new PgTools(source, run.type().name()).find(globals ? "pg_dumpall" : "pg_dump");

        Map<String, Object> facts = new PgServer(endpoint).facts();
        PgTools.Version version = PgTools.version(program, env);
        int serverMajor = (Integer) facts.get("server_version_num") / 10000;
        if (version.major() < serverMajor) {
            throw new PgException(program + " is PostgreSQL " + version.major() + ", older than the server at "
                    + endpoint.describe() + " (" + facts.get("server_version") + "): install postgresql-client-"
                    + serverMajor + " and point backup_types." + run.type().name() + ".source.bin_dir at it");
        }
        Map<String, Object> recorded = run.source();
        recorded.put("kind", "postgresql");
        recorded.put("server", endpoint.describe());
        if (globals) {
            recorded.put("globals", true);
        } else {
            recorded.put("database", endpoint.database());
            recorded.put("format", source.format());
        }
        recorded.putAll(facts);
        recorded.put("pg_dump_version", version.text());

        Path dump = run.stagingDir().resolve(run.id() + ".pg_dump.part");
        Files.deleteIfExists(dump);
        List<String> args = new ArrayList<>();
        if (globals) {
            args.add("--globals-only");
        } else {
            // Custom-format dumps are left uncompressed: the pipeline's compression stage does that job once.
            args.addAll(source.format().equals("custom") ? List.of("--format=custom", "--compress=0") : List.of("--format=plain"));
        }
        args.add("--file=" + dump);
        args.addAll(endpoint.clientArgs());
        args.add((globals ? "--database=" : "--dbname=") + endpoint.database());

        exchange.setProperty(BackrouteExchange.PG_DUMP_FILE, dump);
        exchange.getMessage().setBody(null);
        exchange.getMessage().setHeader(ExecBinding.EXEC_COMMAND_EXECUTABLE, program.toString());
        exchange.getMessage().setHeader(ExecBinding.EXEC_COMMAND_ARGS, args);
    }
}
