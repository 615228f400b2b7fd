package dev.backroute.neo4j;

import dev.backroute.config.SecretRef;
import dev.backroute.config.SourceConfig;

/**
 * @param mode         "logical" (export over Bolt) or "admin_dump" (neo4j-admin database dump)
 * @param adminCommand the neo4j-admin executable used in admin_dump mode
 */
public record Neo4jSource(String uri, String user, SecretRef password, String database, String mode,
                          String adminCommand) implements SourceConfig {
}
