package dev.backroute.camel;

import dev.backroute.neo4j.Neo4jExport;

/** Route step {@code neo4jSourceStep}: {@link Neo4jExport}. */
public final class Neo4jSourceStep extends RunStep {
    Neo4jSourceStep(Neo4jExport stage) {
        super(stage);
    }
}
