package dev.backroute.cluster;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Creates Quartz's tables in the cluster database when they are missing, with the script Quartz ships for PostgreSQL.
 * That script begins by dropping the tables: its DROP statements are never run, and it runs only when none of the
 * tables exists, under a transaction-scoped advisory lock so two members starting at once do not both create them.
 */
public final class ClusterSchema {
    private static final Logger LOG = LoggerFactory.getLogger(ClusterSchema.class);
    static final String SCRIPT = "org/quartz/impl/jdbcjobstore/tables_postgres.sql";
    /** The advisory lock key of schema creation: "backroute" in ASCII, unlike any key {@link ClusterLock} derives. */
    private static final long CREATE_LOCK = 0x6261636b726f7574L;
    static final List<String> TABLES = List.of("qrtz_job_details", "qrtz_triggers", "qrtz_simple_triggers",
            "qrtz_cron_triggers", "qrtz_simprop_triggers", "qrtz_blob_triggers", "qrtz_calendars",
            "qrtz_paused_trigger_grps", "qrtz_fired_triggers", "qrtz_scheduler_state", "qrtz_locks");

    private ClusterSchema() {}

    /** True when it created the tables; false when they were there. Fails when only some of them are. */
    public static boolean ensure(Connection c) throws SQLException, IOException {
        boolean autoCommit = c.getAutoCommit();
        c.setAutoCommit(false);
        try (Statement s = c.createStatement()) {
            s.execute("SELECT pg_advisory_xact_lock(" + CREATE_LOCK + ")");
            List<String> present = present(s);
            if (present.size() == TABLES.size()) {
                c.commit();
                return false;
            }
            if (!present.isEmpty()) {
                List<String> missing = new ArrayList<>(TABLES);
                missing.removeAll(present);
                throw new SQLException("the cluster database has some of Quartz's tables but not " + String.join(", ", missing)
                        + "; create them with Quartz's " + SCRIPT + " (its CREATE statements) or drop the others");
            }
            for (String statement : creates()) {
                s.execute(statement);
            }
            c.commit();
            LOG.info("created Quartz's tables in the cluster database");
            return true;
        } catch (SQLException | IOException | RuntimeException e) {
            c.rollback();
            throw e;
        } finally {
            c.setAutoCommit(autoCommit);
        }
    }

    private static List<String> present(Statement s) throws SQLException {
        List<String> present = new ArrayList<>();
        for (String table : TABLES) {
            try (ResultSet r = s.executeQuery("SELECT to_regclass('" + table + "') IS NOT NULL")) {
                r.next();
                if (r.getBoolean(1)) {
                    present.add(table);
                }
            }
        }
        return present;
    }

    /** The script's CREATE statements, comments left out; its DROP and COMMIT statements are not run. */
    static List<String> creates() throws IOException {
        String script;
        try (InputStream in = ClusterSchema.class.getClassLoader().getResourceAsStream(SCRIPT)) {
            if (in == null) {
                throw new IOException(SCRIPT + " is not on the class path: the Quartz jar is missing or of another version");
            }
            script = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        List<String> creates = new ArrayList<>();
        StringBuilder uncommented = new StringBuilder();
        script.lines().filter(l -> !l.trim().startsWith("--")).forEach(l -> uncommented.append(l).append('\n'));
        for (String statement : uncommented.toString().split(";")) {
            String sql = statement.trim();
            if (sql.toUpperCase(Locale.ROOT).startsWith("CREATE ")) {
                creates.add(sql);
            }
        }
        if (creates.size() < TABLES.size()) {
            throw new IOException(SCRIPT + " holds " + creates.size() + " CREATE statements, fewer than Quartz's "
                    + TABLES.size() + " tables: not the script this Backroute was built against");
        }
        return creates;
    }
}
