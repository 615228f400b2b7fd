package dev.backroute.postgres;

import dev.backroute.config.BackupConfig;
import dev.backroute.config.PostgresSource;

import java.util.ArrayList;
import java.util.List;

/** What one PostgreSQL run dumps, one artifact each: every configured database, then the globals when asked. */
public final class PgDumpUnits {
    /** The unit of the roles-and-tablespaces dump (pg_dumpall --globals-only); no database name starts with a colon. */
    public static final String GLOBALS = ":globals";

    private final BackupConfig config;

    public PgDumpUnits(BackupConfig config) {
        this.config = config;
    }

    public List<String> list() {
        PostgresSource source = (PostgresSource) config.type("postgresql").source();
        List<String> units = new ArrayList<>(source.databases());
        if (source.globals()) {
            units.add(GLOBALS);
        }
        return units;
    }
}
