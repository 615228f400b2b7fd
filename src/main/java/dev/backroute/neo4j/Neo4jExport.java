package dev.backroute.neo4j;

import dev.backroute.backup.StreamedExport;

import java.util.Map;

/**
 * Source of the neo4j kind: a logical export over Bolt ({@code .jsonl}), or neo4j-admin's dump of a
 * stopped database ({@code .dump}) when the type's {@code source.mode} is {@code admin_dump}.
 */
public final class Neo4jExport extends StreamedExport {

    public Neo4jExport(Map<String, String> env) {
        super(type -> export((Neo4jSource) type.source(), env));
    }

    private static Export export(Neo4jSource source, Map<String, String> env) {
        return "admin_dump".equals(source.mode()) ? new Export(".dump", new Neo4jAdminDump(source, env)::dump)
                : new Export(".jsonl", new Neo4jExporter(source, env)::export);
    }
}
