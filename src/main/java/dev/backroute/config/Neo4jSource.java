package dev.backroute.config;

/**
 * @param mode         "logical" (export over Bolt) or "admin_dump" (neo4j-admin database dump)
 * @param adminCommand the neo4j-admin executable used in admin_dump mode
 */
public record Neo4jSource(String uri, String user, SecretRef password, String database, String mode,
                          String adminCommand) implements SourceConfig {
}
