package dev.backroute.neo4j;

import java.util.ArrayList;
import java.util.List;

/**
 * Empties a database in batched write transactions: relationships, then nodes, then constraints and indexes (not the
 * built-in lookup indexes, which every database has). {@link #wipe} deletes every node, as {@code recover --overwrite}
 * must: a marker node found in a database is no reason to keep it. {@link #allButMarkers} is a drill's own wipe of the
 * scratch database it claimed ({@link ScratchDatabase}): its marker must stay while the database is filled and emptied,
 * and the drill deletes it itself, last.
 */
final class GraphWipe {
    private static final int BATCH = 10_000;

    /** What a wipe deleted and dropped. */
    record Wiped(long nodes, long relationships, List<String> dropped) {}

    private GraphWipe() {}

    static Wiped wipe(Neo4jConnection conn) {
        return wipe(conn, "MATCH (n)");
    }

    static Wiped allButMarkers(Neo4jConnection conn) {
        return wipe(conn, "MATCH (n) WHERE NOT n:" + Cypher.quote(ScratchDatabase.MARKER));
    }

    private static Wiped wipe(Neo4jConnection conn, String nodes) {
        long rels = conn.repeat("MATCH ()-[r]->() WITH r LIMIT " + BATCH + " DELETE r RETURN count(*) AS c");
        long deleted = conn.repeat(nodes + " WITH n LIMIT " + BATCH + " DETACH DELETE n RETURN count(*) AS c");
        List<String> dropped = new ArrayList<>();
        for (String name : conn.names("SHOW CONSTRAINTS YIELD name RETURN name")) {
            conn.run("DROP CONSTRAINT " + Cypher.quote(name) + " IF EXISTS");
            dropped.add("constraint " + name);
        }
        for (String name : conn.names("SHOW INDEXES YIELD name, type WHERE type <> 'LOOKUP' RETURN name")) {
            conn.run("DROP INDEX " + Cypher.quote(name) + " IF EXISTS");
            dropped.add("index " + name);
        }
        return new Wiped(deleted, rels, dropped);
    }
}
