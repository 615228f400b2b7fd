package dev.backroute.neo4j;

import dev.backroute.config.ConfigException;
import dev.backroute.drill.Drill;
import org.neo4j.driver.AccessMode;
import org.neo4j.driver.Session;

import java.io.IOException;
import java.util.List;
import java.util.Map;

/**
 * The scratch database of a neo4j type's drills, on the server its {@code drill.uri} names, and the marker node that
 * makes it one: a single node labelled {@value #MARKER} holding the drill's type, stamp and backup id.
 *
 * <p>The marker is what lets a drill wipe the database without trusting the config alone: an operator could point
 * {@code drill.uri} at the production server under another name (the config refuses only the source's own address).
 * A drill wipes a database only when it is empty or marked; one holding data and no marker is refused untouched.
 *
 * <p>The order makes a drill killed at any point leave the database either empty or marked, so the next drill removes
 * what it left and never mistakes it for someone's data:
 * <ol>
 *   <li>{@link #claim}: an empty database gets this drill's marker (one transaction). A marked one (a killed or kept
 *       drill's) is wiped of all but its marker ({@link GraphWipe}), then its marker is replaced by this drill's in one
 *       transaction.</li>
 *   <li>the restore: {@link Neo4jRestorer} with overwrite, whose wipe also keeps the marker, so everything it writes
 *       lands in a marked database.</li>
 *   <li>{@link #remove}: all but the marker is wiped, then the marker is deleted, last.</li>
 * </ol>
 * The marker has no constraint or index, and the drill's counts leave it out.
 */
final class ScratchDatabase {
    static final String MARKER = "BackrouteDrillScratch";
    private static final String MARKERS = "MATCH (m:" + Cypher.quote(MARKER) + ")";

    private final String type;
    private final Neo4jSource server;
    private final Map<String, String> env;

    ScratchDatabase(String type, Neo4jSource server, Map<String, String> env) {
        this.type = type;
        this.server = server;
        this.env = env;
    }

    Neo4jConnection open() throws IOException {
        Neo4jConnection.Address address;
        try {
            address = Neo4jConnection.Address.parse(server.uri(), server.user(), server.database());
        } catch (IllegalArgumentException e) {
            throw new IOException(e.getMessage(), e);
        }
        String password = server.password() != null && server.password().isConfigured() ? server.password().resolve(env) : null;
        return Neo4jConnection.open(address, password, uriKey());
    }

    /** "database neo4j on bolt://host:7687": no user, no secret. */
    String describe() {
        Neo4jConnection.Address address = Neo4jConnection.Address.parse(server.uri(), server.user(), server.database());
        return "database " + address.database() + " on " + address.display();
    }

    /**
     * Makes the database this drill's: removes what an earlier drill of the type left, then writes the marker.
     *
     * @throws ConfigException the database holds data no drill put there, or another type's drill
     */
    void claim(Drill drill) throws IOException {
        try (Neo4jConnection conn = open()) {
            try {
                List<String> owners = conn.names(MARKERS + " RETURN DISTINCT coalesce(m.type, '') AS name");
                if (owners.isEmpty()) {
                    refuseUnlessEmpty(conn);
                } else if (!owners.equals(List.of(type))) {
                    throw new ConfigException(uriKey(), uriKey() + ": " + describe() + " holds the scratch of a drill of type "
                            + String.join(", ", owners) + "; give each type a scratch server of its own");
                } else {
                    String left = conn.names(MARKERS + " RETURN coalesce(m.stamp, 'at an unknown time') AS name").get(0);
                    GraphWipe.wipe(conn);
                    drill.say().accept("removed what the drill of " + type + " started " + left + " left in " + describe());
                }
                try (Session s = conn.session(AccessMode.WRITE)) {
                    s.executeWrite(tx -> {
                        tx.run(MARKERS + " DELETE m").consume();
                        tx.run("CREATE (m:" + Cypher.quote(MARKER) + " {type: $type, stamp: $stamp, backup: $backup})",
                                Map.of("type", type, "stamp", drill.stamp(), "backup", drill.backup().id())).consume();
                        return null;
                    });
                }
            } catch (RuntimeException e) {
                if (e instanceof ConfigException) throw e;
                throw conn.translate(e);
            }
        }
    }

    /** Leaves the database empty: all but the marker first, the marker last. */
    void remove() throws IOException {
        try (Neo4jConnection conn = open()) {
            try {
                GraphWipe.wipe(conn);
                conn.run(MARKERS + " DELETE m");
            } catch (RuntimeException e) {
                throw conn.translate(e);
            }
        }
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
