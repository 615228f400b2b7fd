package dev.backroute.postgres;

import dev.backroute.config.SecretRef;
import dev.backroute.config.SourceConfig;

import java.nio.file.Path;
import java.util.List;

/**
 * @param format "plain" (pg_dump SQL) or "custom" (pg_dump -Fc)
 * @param globals whether roles and tablespaces are dumped too (pg_dumpall --globals-only)
 * @param binDir  directory of pg_dump/psql/pg_restore; null to take them from PATH
 */
public record PostgresSource(String host, int port, String user, SecretRef password, List<String> databases,
                             String format, boolean globals, Path binDir) implements SourceConfig {
    public PostgresSource {
        databases = List.copyOf(databases);
    }
}
