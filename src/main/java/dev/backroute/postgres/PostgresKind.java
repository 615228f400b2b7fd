package dev.backroute.postgres;

import dev.backroute.catalog.BackupRecord;
import dev.backroute.config.DrillSettings;
import dev.backroute.config.Fields;
import dev.backroute.config.QueryAssertion;
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
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * The postgresql kind: its source block, the dump check of validate and recover, {@link PgRecovery}, and its drills: a
 * database's backup into a scratch database ({@link PgScratchDatabase}), the globals into a folder ({@link PgScratchGlobals}).
 */
public final class PostgresKind implements DatabaseKind, DrillKind {

    @Override
    public String name() {
        return "postgresql";
    }

    @Override
    public List<String> artifactBases() {
        return List.of("sql", "dump");
    }

    @Override
    public SourceConfig readSource(String type, Fields f) {
        Connection c = connection(f, "for a postgresql source");
        List<String> databases = List.copyOf(f.requiredStrings("databases", "for a postgresql source").keySet());
        // A name starting with ':' would be taken for the globals marker (PgDumpCommand.GLOBALS).
        f.check("databases", databases.stream().noneMatch(d -> d.startsWith(":")), "a database name starting with ':' is not"
                + " supported; to back up roles and tablespaces set globals to true");
        String format = f.choice("format", "plain", List.of("plain", "custom"));
        boolean globals = f.bool("globals", false);
        return new PostgresSource(c.host(), c.port(), c.user(), c.password(), databases, format, globals, f.path("bin_dir"));
    }

    /** How a source block and {@code drill.server} name a server: read by one method, so they cannot drift apart. */
    private record Connection(String host, int port, String user, SecretRef password) {}

    private static Connection connection(Fields f, String userWhy) {
        return new Connection(f.nonEmpty("host", "localhost"), f.integer("port", 5432, 1, 65535), f.required("user", userWhy),
                f.secret("password"));
    }

    /** {@code drill.server} and {@code drill.assertions}; {@code source} is null when the type's source block is missing. */
    @Override
    public DrillSettings readDrill(String type, SourceConfig source, Fields f) {
        PostgresSource pg = (PostgresSource) source;
        PostgresSource server = f.object("server", s -> {
            Connection c = connection(s, "for a drill server");
            Path binDir = s.path("bin_dir");
            return pg == null ? null : new PostgresSource(c.host(), c.port(), c.user(), c.password(), pg.databases(), pg.format(),
                    false, binDir != null ? binDir : pg.binDir());
        });
        List<PgDrillSettings.Assertion> assertions = f.objects("assertions", a -> assertion(a, pg));
        return new PgDrillSettings(server, assertions);
    }

    /** An assertion runs in one database's scratch copy: {@code database} may be left out only when there is one. */
    private static PgDrillSettings.Assertion assertion(Fields a, PostgresSource source) {
        QueryAssertion query = QueryAssertion.read(a, "sql");
        String database = a.nonEmpty("database", null);
        List<String> databases = source == null ? List.of() : source.databases();
        if (database == null && databases.size() == 1) {
            database = databases.get(0);
        }
        a.check("database", database != null || databases.isEmpty(), "required when the source has several databases ("
                + String.join(", ", databases) + "): name the one whose drill copy the query runs in");
        a.check("database", database == null || databases.isEmpty() || databases.contains(database),
                "must be one of the source's databases (" + String.join(", ", databases) + "), got '" + database + "'");
        return new PgDrillSettings.Assertion(query, database);
    }

    @Override
    public Scratch prepare(Drill drill) throws IOException {
        Map<String, Object> recorded = drill.backup().source();
        if (Boolean.TRUE.equals(recorded.get("globals"))) {
            return PgScratchGlobals.prepare(drill);
        }
        if (!(recorded.get("database") instanceof String database) || database.isEmpty()) {
            throw new PgException("backup " + drill.backup().id() + " names no database in its manifest: it cannot be drilled");
        }
        return PgScratchDatabase.prepare(drill, database);
    }

    @Override
    public ArtifactDecoder.PlaintextReader<String> structureCheck(ArtifactForm form, BackupRecord record) {
        return in -> PgDumpCheck.verify(in, "dump".equals(form.base()), record.id());
    }

    @Override
    public Map<String, Object> toServer(ServerRestore r) throws IOException {
        return new PgRecovery((PostgresSource) r.source(), r.env(), r.decoder(), r.staging(), r.say())
                .toDatabase(r.backup(), r.destination(), r.options().overwrite(), r.options().jobs(), r.options().tables(),
                        r.options().schemas());
    }
}
