package dev.backroute.postgres;

import dev.backroute.config.BackupConfig;
import dev.backroute.config.ConfigException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** {@code backup_types.<type>.drill} of a postgresql type: the scratch server and the assertions, and their problems. */
class PgDrillConfigTest {
    @TempDir
    Path dir;

    @Test
    void eachBadDrillKeyIsOneProblemNamingIt() throws Exception {
        ConfigException e = catchThrowableOfType(ConfigException.class, () -> load("\"movies\", \"users\"", """
                "server": {"port": 0, "password_env": "not a name", "pass": "x"},
                "assertions": [{"sql": "SELECT count(*) FROM movies", "min": 1000},
                               {"sql": "SELECT 2", "equals": "2", "database": "films"},
                               {"name": "nothing to run", "min": 1, "database": "users"}]"""));

        assertThat(e.problems()).extracting(ConfigException.Problem::line).containsExactly(
                "backup_types.pg.drill.server.port: must be an integer from 1 to 65535, got 0",
                "backup_types.pg.drill.server.password_env: must be the name of an environment variable (letters, digits and"
                        + " '_', not starting with a digit); the value given is not, and is not shown here",
                "backup_types.pg.drill.server.pass: unknown key; expected one of host, port, user, password_env, password_file,"
                        + " bin_dir",
                "backup_types.pg.drill.server.user: required for a drill server",
                "backup_types.pg.drill.assertions[0].database: required when the source has several databases (movies, users):"
                        + " name the one whose drill copy the query runs in",
                "backup_types.pg.drill.assertions[1].database: must be one of the source's databases (movies, users), got 'films'",
                "backup_types.pg.drill.assertions[2].sql: required in a drill assertion: the query whose answer is checked");
    }

    @Test
    void theServerDefaultsToTheSourcesToolsAndAnAssertionToTheOnlyDatabase() throws Exception {
        BackupConfig config = load("\"movies\"", """
                "server": {"host": "drill-db", "user": "drill", "password_env": "DRILL_PW"},
                "assertions": [{"name": "movies loaded", "sql": "SELECT count(*) FROM movies", "min": 1000}]""");

        PgDrillSettings drill = (PgDrillSettings) config.type("pg").drill().settings();
        assertThat(drill.server()).isEqualTo(new PostgresSource("drill-db", 5432, "drill", drill.server().password(),
                java.util.List.of("movies"), "custom", false, dir.resolve("pg/bin")));
        assertThat(drill.server().password().env()).isEqualTo("DRILL_PW");
        assertThat(drill.assertions()).singleElement().satisfies(a -> {
            assertThat(a.database()).isEqualTo("movies");
            assertThat(a.query().name()).isEqualTo("movies loaded");
        });
        PgDrillSettings none = (PgDrillSettings) load("\"movies\"", "").type("pg").drill().settings();
        assertThat(none).isEqualTo(new PgDrillSettings(null, java.util.List.of()));
    }

    private BackupConfig load(String databases, String drill) throws Exception {
        Path config = dir.resolve("backup_config.json");
        Files.writeString(config, """
                { "backup_types": { "pg": { "kind": "postgresql", "storage": ["local"],
                    "source": { "host": "db", "user": "backup", "databases": [%s], "format": "custom", "bin_dir": "pg/bin" },
                    "drill": { %s } } },
                  "storage": { "local": { "type": "local", "path": "backups" } } }
                """.formatted(databases, drill));
        return BackupConfig.loadFromFile(config, Map.of());
    }
}
