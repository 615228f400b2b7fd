package dev.backroute.neo4j;

import dev.backroute.config.ConfigException;
import dev.backroute.config.SourceConfig;
import dev.backroute.drill.Drill;
import org.neo4j.driver.AccessMode;
import org.neo4j.driver.Record;
import org.neo4j.driver.Session;
import org.neo4j.driver.Value;
import org.neo4j.driver.types.TypeSystem;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * The scratch database of a neo4j type's drills, on the server its {@code drill.uri} names, and the marker node that
 * makes it one: a single node labelled {@value #MARKER} holding the drill's type, stamp and backup id and their MAC
 * ({@link MarkerKey}), which only the drill host can compute and which verifies only in the database it was written to.
 *
 * <p>Two things keep a drill off the source, whatever names the config uses. Before anything is read from or written
 * to the scratch database, {@link SourceGuard} compares its store id with the source's (live, and as the backup
 * recorded it) and refuses a match. Then a drill wipes a database only when it is empty or holds a marker that
 * verifies; a database holding data and no such marker (a forged one included) is refused untouched. The restore,
 * the checks and the removal each reconnect and make sure the database still has the store id claimed and this
 * drill's marker ({@link #openClaimed}) before they touch it.
 *
 * <p>The order makes a drill killed at any point leave the database either empty or marked, so the next drill removes
 * what it left and never mistakes it for someone's data:
 * <ol>
 *   <li>{@link #claim}: an empty database gets this drill's marker (one transaction). One holding a marker that
 *       verifies (a killed or kept drill's) is wiped of all but its markers ({@link GraphWipe#allButMarkers}), then
 *       its markers are replaced by this drill's in one transaction.</li>
 *   <li>{@link #restore}: {@link Neo4jRestorer} with overwrite, whose wipe also keeps the marker, so everything it
 *       writes lands in a marked database. This object is the {@link SourceConfig} recover is handed for the scratch
 *       server, so the restore goes through it.</li>
 *   <li>{@link #remove}: all but the marker is wiped, then the marker is deleted, last.</li>
 * </ol>
 * The marker has no constraint or index, and the drill's counts leave it out.
 */
final class ScratchDatabase implements SourceConfig {
    static final String MARKER = "BackrouteDrillScratch";
    private static final String MARKERS = "MATCH (m:" + Cypher.quote(MARKER) + ")";

    private final Drill drill;
    private final String type;
    private final Neo4jSource server;
    /** The store id of the database {@link #claim} made this drill's, and the MAC of the marker it wrote there. */
    private String claimedId;
    private String claimedMac;

    ScratchDatabase(Drill drill, Neo4jSource server) {
        this.drill = drill;
        this.type = drill.type().name();
        this.server = server;
    }

    /** "database neo4j on bolt://host:7687": no user, no secret. */
    String describe() {
        Neo4jConnection.Address address = Neo4jConnection.Address.parse(server.uri(), server.user(), server.database());
        return "database " + address.database() + " on " + address.display();
    }

    /**
     * Makes the database this drill's: refuses the source, removes what an earlier drill of the type left, then writes
     * the marker.
     *
     * @throws ConfigException the database is the source, holds data no drill of this host put there, or another
     *                         type's drill
     */
    void claim() throws IOException {
        MarkerKey key = MarkerKey.in(drill.workDir());
        try (Neo4jConnection conn = open()) {
            new SourceGuard(drill).refuseTheSource(conn, describe());
            try {
                List<MarkerKey.Marker> markers = markers(conn);
                MarkerKey.Marker left = markers.stream().filter(m -> key.verifies(m, conn.id)).findFirst().orElse(null);
                if (left != null) {
                    GraphWipe.allButMarkers(conn);
                    drill.say().accept("removed what the drill of " + type + " started " + left.stamp() + " left in " + describe());
                } else if (markers.isEmpty()) {
                    refuseUnlessEmpty(conn);
                } else {
                    refuseMarkers(markers);
                }
                MarkerKey.Marker mine = key.sign(type, drill.stamp(), drill.backup().id(), conn.id);
                try (Session s = conn.session(AccessMode.WRITE)) {
                    s.executeWrite(tx -> {
                        tx.run(MARKERS + " DELETE m").consume();
                        tx.run("CREATE (m:" + Cypher.quote(MARKER) + " {type: $type, stamp: $stamp, backup: $backup, mac: $mac})",
                                Map.of("type", mine.type(), "stamp", mine.stamp(), "backup", mine.backup(), "mac", mine.mac())).consume();
                        return null;
                    });
                }
                claimedId = conn.id;
                claimedMac = mine.mac();
            } catch (RuntimeException e) {
                if (e instanceof ConfigException) throw e;
                throw conn.translate(e);
            }
        }
    }

    /** Restores an export into the claimed database, with overwrite; see {@link Neo4jRestorer#into}. */
    Map<String, Object> restore(InputStream export) throws IOException {
        try (Neo4jConnection conn = openClaimed()) {
            return Neo4jRestorer.into(conn, export, true, true);
        }
    }

    /** A connection to the claimed database, for the checks. */
    Neo4jConnection openClaimed() throws IOException {
        Neo4jConnection conn = open();
        String problem;
        try {
            problem = !conn.id.equals(claimedId) ? "is no longer the database this drill claimed (its store id changed)"
                    : conn.count(MARKERS + " WHERE m.mac = $mac RETURN count(m) AS c", Map.of("mac", claimedMac)) == 0
                    ? "no longer holds this drill's marker" : null;
        } catch (RuntimeException e) {
            conn.close();
            throw conn.translate(e);
        }
        if (problem != null) {
            conn.close();
            throw new IOException(describe() + " " + problem + "; the drill leaves it untouched: check what else uses "
                    + "backup_types." + type + ".drill.uri");
        }
        return conn;
    }

    /** Leaves the database empty: all but the marker first, the marker last. */
    void remove() throws IOException {
        try (Neo4jConnection conn = openClaimed()) {
            try {
                GraphWipe.allButMarkers(conn);
                conn.run(MARKERS + " DELETE m");
            } catch (RuntimeException e) {
                throw conn.translate(e);
            }
        }
    }

    private Neo4jConnection open() throws IOException {
        Neo4jConnection.Address address;
        try {
            address = Neo4jConnection.Address.parse(server.uri(), server.user(), server.database());
        } catch (IllegalArgumentException e) {
            throw new IOException(e.getMessage(), e);
        }
        String password = server.password() != null && server.password().isConfigured() ? server.password().resolve(drill.env()) : null;
        return Neo4jConnection.open(address, password, uriKey());
    }

    private static List<MarkerKey.Marker> markers(Neo4jConnection conn) {
        try (Session s = conn.session(AccessMode.READ)) {
            return s.run(MARKERS + " RETURN m.type AS type, m.stamp AS stamp, m.backup AS backup, m.mac AS mac").list(
                    r -> new MarkerKey.Marker(text(r, "type"), text(r, "stamp"), text(r, "backup"), text(r, "mac")));
        }
    }

    private static String text(Record r, String key) {
        Value v = r.get(key);
        return v.hasType(TypeSystem.getDefault().STRING()) ? v.asString() : null;
    }

    /** Markers none of which verifies: another type's drill's, or not a drill's of this host at all. */
    private void refuseMarkers(List<MarkerKey.Marker> markers) {
        TreeSet<String> others = new TreeSet<>();
        markers.stream().map(MarkerKey.Marker::type).filter(t -> t != null && !t.equals(type)).forEach(others::add);
        if (!others.isEmpty()) {
            throw new ConfigException(uriKey(), uriKey() + ": " + describe() + " holds the scratch of a drill of type "
                    + String.join(", ", others) + "; give each type a scratch server of its own");
        }
        throw new ConfigException(uriKey(), uriKey() + ": " + describe() + " holds a drill marker that does not verify with this"
                + " host's key (" + drill.workDir().resolve(MarkerKey.FILE) + "), so no drill of " + type + " here put it there;"
                + " if it truly is a scratch server, empty it by hand (MATCH (n) DETACH DELETE n) and drill again");
    }

    private void refuseUnlessEmpty(Neo4jConnection conn) {
        long nodes = conn.count("MATCH (n) RETURN count(n) AS c");
        long schema = conn.names("SHOW CONSTRAINTS YIELD name RETURN name").size()
                + conn.names("SHOW INDEXES YIELD name, type WHERE type <> 'LOOKUP' RETURN name").size();
        if (nodes > 0 || schema > 0) {
            throw new ConfigException(uriKey(), uriKey() + ": " + describe() + " holds data no drill put there (" + nodes
                    + (nodes == 1 ? " node, " : " nodes, ") + schema + " constraints and indexes); point drill.uri at an empty"
                    + " scratch server");
        }
    }

    private String uriKey() {
        return "backup_types." + type + ".drill.uri";
    }
}
