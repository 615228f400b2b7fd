package dev.backroute.cluster;

import dev.backroute.testsupport.PgTestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.SQLException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Quartz's tables in the cluster database: created once from the script in the Quartz jar, never dropped. */
class ClusterSchemaTest {
    private static PgTestServer pg;

    @BeforeAll
    static void start() throws Exception {
        pg = PgTestServer.start("schema-pw");
    }

    @AfterAll
    static void stop() throws Exception {
        pg.close();
    }

    @Test
    void createsEveryQuartzTableInAnEmptyDatabaseThenLeavesThemAndTheirRowsAlone() throws Exception {
        pg.execute("postgres", "CREATE DATABASE fresh");
        try (Connection c = pg.connect("fresh")) {
            assertThat(ClusterSchema.ensure(c)).isTrue();
            for (String table : ClusterSchema.TABLES) {
                assertThat(pg.count("fresh", table)).as(table).isZero();
            }
            pg.execute("fresh", "INSERT INTO qrtz_locks VALUES ('backroute', 'TRIGGER_ACCESS')");

            assertThat(ClusterSchema.ensure(c)).as("a second start").isFalse();
        }
        assertThat(pg.count("fresh", "qrtz_locks")).as("rows kept: the script's DROP statements never run").isEqualTo(1);
    }

    @Test
    void aDatabaseWithOnlySomeOfTheTablesIsRefusedAndLeftAsItWas() throws Exception {
        pg.execute("postgres", "CREATE DATABASE partial");
        pg.execute("partial", "CREATE TABLE qrtz_locks (sched_name VARCHAR(120), lock_name VARCHAR(40))");
        pg.execute("partial", "INSERT INTO qrtz_locks VALUES ('backroute', 'STATE_ACCESS')");
        try (Connection c = pg.connect("partial")) {
            assertThatThrownBy(() -> ClusterSchema.ensure(c)).isInstanceOf(SQLException.class)
                    .hasMessageStartingWith("the cluster database has some of Quartz's tables but not qrtz_job_details, ")
                    .hasMessageEndingWith("; create them with Quartz's " + ClusterSchema.SCRIPT + " (its CREATE statements) or drop the others");
        }
        assertThat(pg.count("partial", "qrtz_locks")).isEqualTo(1);
        assertThat(pg.count("partial", "pg_tables WHERE tablename = 'qrtz_triggers'")).isZero();
    }

    @Test
    void theScriptsStatementsAreItsCreatesOnly() throws Exception {
        assertThat(ClusterSchema.creates()).isNotEmpty().allMatch(s -> s.startsWith("CREATE "))
                .noneMatch(s -> s.toUpperCase().contains("DROP "));
    }
}
