package dev.backroute.postgres;

import dev.backroute.catalog.BackupRecord;
import dev.backroute.config.SourceConfig;
import dev.backroute.drill.Drill;
import dev.backroute.drill.DrillCheck;
import dev.backroute.drill.Scratch;
import dev.backroute.restore.RecoveryService;
import dev.backroute.storage.OwnerOnly;

import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.SQLException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/**
 * The scratch database a drill restores one database's backup into: {@code <db>_drill_<stamp>} on the source server,
 * or on {@code drill.server}. It is created and marked (its comment names the backup and the {@link Drill#installation
 * installation}: host, backup_dir and type) before the restore, which then fills it like any empty target, and dropped
 * afterwards.
 *
 * <p>The source is never written to. The drill connects to the source database not at all: the restore, the checks and
 * the assertions connect to the scratch database only, and the server's maintenance database {@code postgres} serves to
 * create, mark and drop databases. Every database it creates or drops has a name that {@link Drill#isScratchOf} its
 * database's scratch base, and is none of the type's source databases (refused outright, even for a database
 * configured with such a name); the sweep of leftovers drops, of those, only the ones carrying this installation's
 * mark, and the one a drill of this installation noted it was creating when it was killed before marking it. Another
 * installation's drill databases on the same server are left alone; a database named like a drill's without a mark is
 * left and named.
 */
final class PgScratchDatabase implements Scratch {
    /** PostgreSQL's longest identifier, in bytes; a longer name would be cut, and the scratch name lost. */
    static final int MAX_NAME_BYTES = 63;
    private static final int SUFFIX_BYTES = "_drill_yyyyMMdd_HHmmss".length();
    private static final String MARK = "backroute drill of ";
    private static final String BY = " by ";
    /** In the drill's work folder: the database being created, until it is marked. */
    static final String CREATING = "creating-database";
    private static final String DUPLICATE_DATABASE = "42P04";

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
        String where = server.host() + ":" + server.port();
        String mark = MARK + drill.backup().id() + BY + drill.installation();
        sweep(drill, source, maintenance, scratchBase(database), where);
        String name = drill.scratchName(scratchBase(database));
        if (source.databases().contains(name)) {
            throw new PgException("the drill's scratch database " + name + " is also one of backup_types." + drill.type().name()
                    + ".source.databases: the drill refuses to restore into it; run the drill again a second later");
        }
        Path creating = drill.workDir().resolve(CREATING);
        OwnerOnly.createDirectories(drill.workDir()); // the drill host's private folder, as the other kinds make it
        Files.writeString(creating, name, StandardCharsets.UTF_8);
        try {
            maintenance.createEmptyDatabase(name, encoding(drill.backup()));
        } catch (PgException e) {
            Files.deleteIfExists(creating);
            throw e.getCause() instanceof SQLException sql && DUPLICATE_DATABASE.equals(sql.getSQLState())
                    ? collision(maintenance, name, where) : e;
        }
        PgScratchDatabase scratch = new PgScratchDatabase(drill, server, server != source, name);
        try {
            maintenance.commentOnDatabase(name, mark);
        } catch (PgException e) {
            scratch.remove();
            throw e;
        } finally {
            Files.deleteIfExists(creating);
        }
        return scratch;
    }

    /**
     * Drops the databases of {@code base} this installation's drills left (kept, or killed midway), and the one a drill
     * was creating when it was killed before marking it; names the look-alikes without a mark, which it leaves.
     */
    private static void sweep(Drill drill, PostgresSource source, PgServer maintenance, String base, String where)
            throws IOException {
        Path creating = drill.workDir().resolve(CREATING);
        String killed = Files.isRegularFile(creating) ? Files.readString(creating, StandardCharsets.UTF_8) : null;
        for (Map.Entry<String, String> db : maintenance.databaseComments().entrySet()) {
            String name = db.getKey();
            String comment = db.getValue();
            if (source.databases().contains(name) || !Drill.isScratch(name)) {
                continue;
            }
            if ((isMark(comment, drill.installation()) && Drill.isScratchOf(base, name)) || (comment == null && name.equals(killed))) {
                drill.say().accept("dropping database " + name + " on " + where + ", left by an earlier drill of "
                        + drill.type().name());
                maintenance.dropDatabase(name);
            } else if (!isAnyMark(comment) && Drill.isScratchOf(base, name)) {
                drill.say().accept("leaving database " + name + " on " + where + ": named like a drill's scratch database but"
                        + " not marked as one (its comment is not a backroute drill mark); drop it by hand if an earlier"
                        + " drill left it");
            }
        }
        Files.deleteIfExists(creating);
    }

    /**
     * The encoding the backup's rows were dumped in, which is the source database's: the scratch database gets it, so
     * that every row the source held fits. Null, the server's own, for a backup that recorded none, or none it knows.
     */
    private static String encoding(BackupRecord backup) {
        return backup.source().get(PgTableFacts.ENCODING) instanceof String recorded && PgServer.SERVER_ENCODINGS.contains(recorded)
                ? recorded : null;
    }

    /** The scratch name is taken already: by another installation's drill of a database of the same name, or by someone else. */
    private static PgException collision(PgServer maintenance, String name, String where) throws PgException {
        String comment = maintenance.databaseComments().get(name);
        String taken = "the drill's scratch database " + name + " exists already on " + where;
        if (isAnyMark(comment)) {
            return new PgException(taken + ", marked '" + comment + "': another installation's drill of a database of the same"
                    + " name on this server made it in the same second; run the drill again a second later");
        }
        return new PgException(taken + " and is not marked as a drill's: drop or rename it, then run the drill again");
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

    private static boolean isMark(String comment, String installation) {
        return isAnyMark(comment) && comment.endsWith(BY + installation);
    }

    /** Whether {@code comment} is the mark of some installation's drill: another's are left alone, and not named. */
    private static boolean isAnyMark(String comment) {
        return comment != null && comment.startsWith(MARK) && comment.contains(BY);
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
