package dev.backroute.neo4j;

import dev.backroute.backup.ExportSourceStep;
import dev.backroute.config.BackupConfig;
import dev.backroute.config.Neo4jSource;

import java.util.Map;

/**
 * Source step of the {@code neo4j} type: a logical export over Bolt ({@code .jsonl}), or neo4j-admin's dump
 * of a stopped database ({@code .dump}) when {@code source.mode} is {@code admin_dump}.
 */
public final class Neo4jSourceStep extends ExportSourceStep {

    public Neo4jSourceStep(BackupConfig config, Map<String, String> env) {
        this(env, adminDump(config));
    }

    private Neo4jSourceStep(Map<String, String> env, boolean adminDump) {
        super(type -> adminDump ? new Neo4jAdminDump((Neo4jSource) type.source(), env)::dump
                : new Neo4jExporter((Neo4jSource) type.source(), env)::export, adminDump ? ".dump" : ".jsonl");
    }

    /** Decided once, from the config: the bean is built whether or not a neo4j type is configured. */
    private static boolean adminDump(BackupConfig config) {
        Neo4jSource source = config.types().containsKey("neo4j") ? (Neo4jSource) config.type("neo4j").source() : null;
        return source != null && "admin_dump".equals(source.mode());
    }
}
