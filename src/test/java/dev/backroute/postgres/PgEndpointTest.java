package dev.backroute.postgres;

import dev.backroute.config.ConfigException;
import dev.backroute.config.SecretRef;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A recovery destination given as a URI: the type's server and user by default, never a password in it. */
class PgEndpointTest {
    private static final PostgresSource SOURCE = new PostgresSource("db", 5433, "backup",
            new SecretRef("backup_types.pg_analytics.source.password", "PGPASSWORD", null), List.of("events"), "custom", false, null);

    @Test
    void aPasswordInTheUriIsRefusedNamingWhereTheTypesPasswordComesFrom() {
        assertThatThrownBy(() -> PgEndpoint.parse("postgresql://admin:s3cret@127.0.0.1/events_copy", SOURCE, Map.of()))
                .isInstanceOf(ConfigException.class)
                .hasMessage("--destination: do not put a password in the URI (it would show in ps and shell history); it is"
                        + " taken from backup_types.pg_analytics.source.password_env or _file")
                .hasMessageNotContaining("s3cret");
    }

    @Test
    void theUrisHostAndDatabaseWinAndTheTypesPasswordIsUsed() {
        PgEndpoint endpoint = PgEndpoint.parse("postgresql://127.0.0.1:6543/events_copy", SOURCE, Map.of("PGPASSWORD", "pw"));

        assertThat(endpoint).isEqualTo(new PgEndpoint("127.0.0.1", 6543, "backup", "pw", "events_copy"));
    }

    @Test
    void theDatabaseIsPercentEncodedInTheJdbcUrlAndAQuotedConnectionStringForTheClientTools() {
        PgEndpoint endpoint = new PgEndpoint("db", 5433, "backup", null, "dbname=x a=?%/'\\ b");

        assertThat(endpoint.jdbcUrl()).isEqualTo("jdbc:postgresql://db:5433/dbname%3Dx%20a%3D%3F%25%2F%27%5C%20b");
        assertThat(endpoint.dbnameArg()).isEqualTo("--dbname=dbname='dbname=x a=?%/\\'\\\\ b'");
    }
}
