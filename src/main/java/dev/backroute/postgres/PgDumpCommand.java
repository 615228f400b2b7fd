package dev.backroute.postgres;

import dev.backroute.backup.BackupRun;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The pg_dump (or pg_dumpall) call that dumps the run's current unit: checks the server answers and that
 * pg_dump is not older than it (pg_dump refuses newer servers with a cryptic message), records the server's
 * facts for the manifest, and says what to run so pg_dump writes to a staging file. Whoever runs it gives the
 * child {@link #environment}, the only place the password goes.
 */
public final class PgDumpCommand {
    /** The unit of the roles-and-tablespaces dump (pg_dumpall --globals-only); no database name starts with a colon. */
    public static final String GLOBALS = ":globals";

    /** What to run: {@code program} with {@code args}, which writes the dump to {@code dumpFile}. */
    public record Invocation(Path program, List<String> args, Path dumpFile) {
        public Invocation {
            args = List.copyOf(args);
        }
    }

    private final Map<String, String> env;

    public PgDumpCommand(Map<String, String> env) {
        this.env = env;
    }

    /** What one run of a postgresql type dumps, one artifact each: every configured database, then the globals when asked. */
    public static List<String> units(PostgresSource source) {
        List<String> units = new ArrayList<>(source.databases());
        if (source.globals()) {
            units.add(GLOBALS);
        }
        return units;
    }

    public Invocation prepare(BackupRun run) throws IOException {
        PostgresSource source = (PostgresSource) run.type().source();
        boolean globals = GLOBALS.equals(run.unit());
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
        recorded.put("kind", run.type().kind());
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
        return new Invocation(program, args(source, endpoint, globals, dump), dump);
    }

    /**
     * The environment the run's dump program runs in: the allow-listed part of this process's, and the run's server's
     * password. pg_dump fixes the date style and float digits of what it writes but not the time zone: {@code PGTZ=UTC}
     * does, so that a drill renders the restored rows as the dump did and their digests can match ({@link PgTableFacts}).
     */
    public Map<String, String> environment(BackupRun run) {
        Map<String, String> child = PgEndpoint.of((PostgresSource) run.type().source(), env, null).childEnvironment(env);
        child.put("PGTZ", "UTC");
        return child;
    }

    /** pg_dump's arguments: never the password, which goes in the environment. */
    static List<String> args(PostgresSource source, PgEndpoint endpoint, boolean globals, Path dump) {
        List<String> args = new ArrayList<>();
        if (globals) {
            args.add("--globals-only");
        } else {
            // Custom-format dumps are left uncompressed: the pipeline's compression stage does that job once.
            args.addAll(source.format().equals("custom") ? List.of("--format=custom", "--compress=0") : List.of("--format=plain"));
        }
        args.add("--file=" + dump);
        args.addAll(endpoint.clientArgs());
        args.add(globals ? "--database=" + endpoint.database() : endpoint.dbnameArg());
        return args;
    }
}
