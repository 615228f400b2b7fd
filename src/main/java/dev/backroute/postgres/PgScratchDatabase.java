package dev.backroute.postgres;

import dev.backroute.catalog.BackupRecord;
import dev.backroute.config.SourceConfig;
import dev.backroute.drill.Drill;
import dev.backroute.drill.DrillCheck;
import dev.backroute.drill.Scratch;
import dev.backroute.restore.RecoveryService;

import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/**
 * The scratch database a drill restores one database's backup into: {@code <db>_drill_<stamp>} on the source server,
 * or on {@code drill.server}. It is created and marked (its comment names the backup and the type) before the restore,
 * which then fills it like any empty target, and dropped afterwards.
 *
 * <p>The source is never written to. The drill connects to the source database not at all: the restore, the checks and
 * the assertions connect to the scratch database only, and the server's maintenance database {@code postgres} serves to
 * create, mark and drop databases. Every database it creates or drops has a name that {@link Drill#isScratchOf} its
 * database's scratch base, and is none of the type's source databases (refused outright, even for a database
 * configured with such a name); the sweep of leftovers drops, of those, only the ones whose comment is this type's
 * drill mark, or that have none (a drill killed between creating and marking one).
 */
final class PgScratchDatabase implements Scratch {
    /** PostgreSQL's longest identifier, in bytes; a longer name would be cut, and the scratch name lost. */
    static final int MAX_NAME_BYTES = 63;
    private static final int SUFFIX_BYTES = "_drill_yyyyMMdd_HHmmss".length();
    private static final String MARK = "backroute drill of ";

    private final Drill drill;
    private final PostgresSource server;
    private final boolean ownServer;
    private final String name;

    private PgScratchDatabase(Drill drill, PostgresSource server, boolean ownServer, String name) {
        this.drill = drill;
        this.server = server;
        this.ownServer = ownServer;
        this.name = name;
    }

    /** Sweeps what earlier drills of {@code database} left on the scratch server, then creates and marks a new scratch database. */
    static PgScratchDatabase prepare(Drill drill, String database) throws IOException {
        PostgresSource source = (PostgresSource) drill.type().source();
        PgDrillSettings settings = (PgDrillSettings) drill.settings().settings();
        PostgresSource server = settings != null && settings.server() != null ? settings.server() : source;
        PgServer maintenance = new PgServer(PgEndpoint.of(server, drill.env(), "postgres"));
        String base = scratchBase(database);
        String type = drill.type().name();
        for (Map.Entry<String, String> db : maintenance.databaseComments().entrySet()) {
            if (Drill.isScratchOf(base, db.getKey()) && !source.databases().contains(db.getKey())
                    && (db.getValue() == null || isMark(db.getValue(), type))) {
                drill.say().accept("dropping database " + db.getKey() + " on " + server.host() + ":" + server.port()
                        + ", left by an earlier drill of " + type);
                maintenance.dropDatabase(db.getKey());
            }
        }
        String name = drill.scratchName(base);
        if (source.databases().contains(name)) {
            throw new PgException("the drill's scratch database " + name + " is also one of backup_types." + type
                    + ".source.databases: the drill refuses to restore into it; run the drill again a second later");
        }
        maintenance.createDatabase(name);
        PgScratchDatabase scratch = new PgScratchDatabase(drill, server, server != source, name);
        try {
            maintenance.commentOnDatabase(name, MARK + drill.backup().id() + " (type " + type + ")");
        } catch (PgException e) {
            scratch.remove();
            throw e;
        }
        return scratch;
    }

    /**
     * {@code database} itself when its scratch name fits in {@link #MAX_NAME_BYTES}; else its longest prefix that
     * leaves room for {@code _<8 hex digits of its SHA-256>} and the drill suffix: still one fixed base per database, so
     * the sweep recognises the scratch databases of a long name as it does those of a short one.
     */
    static String scratchBase(String database) {
        int room = MAX_NAME_BYTES - SUFFIX_BYTES;
        if (database.getBytes(StandardCharsets.UTF_8).length <= room) {
            return database;
        }
        String hash;
        try {
            hash = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(database.getBytes(StandardCharsets.UTF_8)))
                    .substring(0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
        StringBuilder prefix = new StringBuilder();
        int bytes = 0;
        for (int cp : database.codePoints().toArray()) {
            int size = new String(Character.toChars(cp)).getBytes(StandardCharsets.UTF_8).length;
            if (bytes + size > room - 1 - hash.length()) {
                break;
            }
            prefix.appendCodePoint(cp);
            bytes += size;
        }
        return prefix + "_" + hash;
    }

    private static boolean isMark(String comment, String type) {
        return comment.startsWith(MARK) && comment.endsWith(" (type " + type + ")");
    }

    String name() {
        return name;
    }

    @Override
    public String destination() {
        try {
            return new URI("postgresql", server.user(), server.host(), server.port(), "/" + name, null, null).toString();
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("no URI for database " + name + " on " + server.host(), e);
        }
    }

    @Override
    public String describe() {
        return "database " + name + " on " + server.host() + ":" + server.port();
    }

    @Override
    public RecoveryService.Options options() {
        return RecoveryService.Options.whole(false);
    }

    @Override
    public SourceConfig server() {
        return ownServer ? server : null;
    }

    @Override
    public List<DrillCheck> check() throws IOException {
        BackupRecord backup = drill.backup();
        PgDrillSettings settings = (PgDrillSettings) drill.settings().settings();
        List<PgDrillSettings.Assertion> assertions = settings == null ? List.of() : settings.assertions().stream()
                .filter(a -> a.database().equals(backup.source().get("database"))).toList();
        return new PgDrillChecks(PgEndpoint.of(server, drill.env(), name)).check(backup.source(), assertions);
    }

    @Override
    public void remove() throws IOException {
        new PgServer(PgEndpoint.of(server, drill.env(), "postgres")).dropDatabase(name);
    }
}
