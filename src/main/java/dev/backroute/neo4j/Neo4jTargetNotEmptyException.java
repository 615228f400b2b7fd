package dev.backroute.neo4j;

import dev.backroute.restore.DestinationNotEmptyException;

/** A restore was asked into a database that already holds nodes, without overwrite. Nothing was changed. */
public class Neo4jTargetNotEmptyException extends DestinationNotEmptyException {
    private final String database;
    private final long nodes;

    public Neo4jTargetNotEmptyException(String database, String uri, long nodes) {
        super("Neo4j database '" + database + "' at " + uri + " is not empty (" + nodes + (nodes == 1 ? " node" : " nodes")
                + "); pass --overwrite to replace its contents");
        this.database = database;
        this.nodes = nodes;
    }

    public String database() {
        return database;
    }

    public long nodes() {
        return nodes;
    }
}
