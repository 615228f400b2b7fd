package dev.backroute.postgres;

import dev.backroute.BackrouteExchange;
import dev.backroute.config.BackupConfig;
import org.apache.camel.ExchangeProperty;

import java.util.ArrayList;
import java.util.List;

/** What one run of a postgresql type dumps, one artifact each: every configured database, then the globals when asked. */
public final class PgDumpUnits {
    /** The unit of the roles-and-tablespaces dump (pg_dumpall --globals-only); no database name starts with a colon. */
    public static final String GLOBALS = ":globals";

    private final BackupConfig config;

    public PgDumpUnits(BackupConfig config) {
        this.config = config;
    }

    public List<String> list(@ExchangeProperty(BackrouteExchange.TYPE) String type) {
        PostgresSource source = (PostgresSource) config.type(type).source();
        List<String> units = new ArrayList<>(source.databases());
        if (source.globals()) {
            units.add(GLOBALS);
        }
        return units;
    }
}
