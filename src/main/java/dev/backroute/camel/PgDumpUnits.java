package dev.backroute.camel;

import dev.backroute.BackrouteExchange;
import dev.backroute.config.BackupConfig;
import dev.backroute.postgres.PgDumpCommand;
import dev.backroute.postgres.PostgresSource;
import org.apache.camel.ExchangeProperty;

import java.util.List;

/** The split of {@code source-postgresql}: the units of the run's type ({@link PgDumpCommand#units}), one artifact each. */
public final class PgDumpUnits {
    private final BackupConfig config;

    PgDumpUnits(BackupConfig config) {
        this.config = config;
    }

    public List<String> list(@ExchangeProperty(BackrouteExchange.TYPE) String type) {
        return PgDumpCommand.units((PostgresSource) config.type(type).source());
    }
}
