package dev.backroute.neo4j;

import dev.backroute.backup.ExportSourceStep;

import java.util.Map;

/**
 * Source step of the neo4j types: a logical export over Bolt ({@code .jsonl}), or neo4j-admin's dump of a
 * stopped database ({@code .dump}) when the type's {@code source.mode} is {@code admin_dump}.
 */
public final class Neo4jSourceStep extends ExportSourceStep {

    public Neo4jSourceStep(Map<String, String> env) {
        super(type -> export((Neo4jSource) type.source(), env));
    }

    private static Export export(Neo4jSource source, Map<String, String> env) {
        return "admin_dump".equals(source.mode()) ? new Export(".dump", new Neo4jAdminDump(source, env)::dump)
                : new Export(".jsonl", new Neo4jExporter(source, env)::export);
    }
}
