package dev.backroute.postgres;

import dev.backroute.config.DrillSettings;
import dev.backroute.config.QueryAssertion;

import java.util.List;

/**
 * {@code backup_types.<type>.drill} of a postgresql type.
 *
 * @param server     {@code drill.server}: where scratch databases are made, as a source record (its databases, format
 *                   and globals are the type's); null for the type's own source server
 * @param assertions {@code drill.assertions}, each with the database it runs in
 */
public record PgDrillSettings(PostgresSource server, List<Assertion> assertions) implements DrillSettings {
    public PgDrillSettings {
        assertions = List.copyOf(assertions);
    }

    /** @param database the source database whose scratch copy the query runs in */
    public record Assertion(QueryAssertion query, String database) {}
}
