package dev.backroute.postgres;

import dev.backroute.config.Expectation;
import dev.backroute.drill.DrillCheck;
import org.postgresql.copy.CopyManager;
import org.postgresql.core.BaseConnection;

import java.io.IOException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The checks of a restored scratch database: per table the backup recorded ({@link PgTableFacts}), its rows and their
 * digest, read with {@code COPY ... TO STDOUT} over the dump's own column list in the session settings pg_dump wrote
 * them with; then the operator's assertions, each in a read-only transaction. A check that cannot run is a failed one
 * that says why, and the others still run.
 */
final class PgDrillChecks {
    /** What pg_dump sets (date style, interval style, float digits) and what Backroute gives it ({@code PGTZ=UTC}). */
    private static final List<String> DUMP_SESSION = List.of("SET TimeZone = 'UTC'", "SET DateStyle = 'ISO'",
            "SET IntervalStyle = 'postgres'", "SET extra_float_digits = 3", "SET default_transaction_read_only = on");

    private final PgEndpoint scratch;

    PgDrillChecks(PgEndpoint scratch) {
        this.scratch = scratch;
    }

    /** {@code recorded} is the backup's authenticated {@code source} block. */
    List<DrillCheck> check(Map<String, Object> recorded, List<PgDrillSettings.Assertion> assertions) {
        List<DrillCheck> checks = new ArrayList<>(tables(recorded));
        for (PgDrillSettings.Assertion a : assertions) {
            checks.add(assertion(a));
        }
        return checks;
    }

    private List<DrillCheck> tables(Map<String, Object> recorded) {
        if (recorded.get(PgTableFacts.ROWS) == null) {
            return List.of(DrillCheck.passed("rows", "not recorded by this backup (made before drills recorded them, or its"
                    + " dump's tables could not be read: see the backup's warning in the log): only the restore and the"
                    + " assertions are checked"));
        }
        Map<?, ?> rows = mapOf(recorded, PgTableFacts.ROWS);
        Map<?, ?> digests = mapOf(recorded, PgTableFacts.DIGEST);
        Map<?, ?> columns = mapOf(recorded, PgTableFacts.COLUMNS);
        Object encoding = recorded.getOrDefault(PgTableFacts.ENCODING, "UTF8");
        if (rows == null || digests == null || columns == null || !(encoding instanceof String text && text.matches("[A-Za-z0-9_]+"))) {
            return List.of(DrillCheck.failed("rows", "the backup's " + PgTableFacts.ROWS + ", " + PgTableFacts.DIGEST + ", "
                    + PgTableFacts.COLUMNS + " and " + PgTableFacts.ENCODING + " as pg_dump's tables and their facts",
                    "a manifest whose table facts are not of that shape"));
        }
        List<DrillCheck> checks = new ArrayList<>();
        try (Connection c = connect()) {
            try (Statement s = c.createStatement()) {
                for (String setting : DUMP_SESSION) {
                    s.execute(setting);
                }
            }
            CopyManager copy = new CopyManager(c.unwrap(BaseConnection.class));
            for (Map.Entry<?, ?> table : rows.entrySet()) {
                checks.addAll(table(copy, String.valueOf(table.getKey()), table.getValue(), digests.get(table.getKey()),
                        columns.get(table.getKey()), (String) encoding));
            }
        } catch (SQLException e) {
            // The session broke (or could not be set up): the tables not read yet fail together, the assertions still run.
            checks.add(DrillCheck.failed("rows", "every recorded table read from the scratch copy",
                    new PgServer(scratch).explain(e).getMessage()));
        }
        return checks;
    }

    /**
     * {@code encoding} is the dump's client encoding, which its rows are written in: COPY writes the restored ones in
     * it too, while the statement, with the table's name, travels in the session's UTF8.
     */
    private static List<DrillCheck> table(CopyManager copy, String table, Object rows, Object digest, Object columns,
            String encoding) {
        String rowsCheck = "rows " + table;
        String digestCheck = "digest " + table;
        if (!(rows instanceof Number) || !(digest instanceof String) || !(columns instanceof String cols)
                || !PgCopyScan.isCopyTarget(table, cols)) {
            return List.of(DrillCheck.failed(rowsCheck, "a recorded row count, digest and COPY column list of the table",
                    "rows " + rows + ", digest " + digest + ", columns " + columns));
        }
        RowDigest restored = new RowDigest();
        try {
            copy.copyOut("COPY " + table + (cols.isEmpty() ? "" : " (" + cols + ")") + " TO STDOUT (ENCODING '" + encoding + "')",
                    restored);
        } catch (SQLException | IOException e) {
            return List.of(DrillCheck.failed(rowsCheck, String.valueOf(rows), "error: " + e.getMessage()));
        }
        return List.of(DrillCheck.same(rowsCheck, rows, restored.rows()), DrillCheck.same(digestCheck, digest, restored.hex()));
    }

    private DrillCheck assertion(PgDrillSettings.Assertion a) {
        String name = "assertion " + a.query().name();
        Expectation expect = a.query().expect();
        try (Connection c = connect()) {
            c.setAutoCommit(false);
            try (Statement s = c.createStatement()) {
                s.execute("SET TRANSACTION READ ONLY");
                String actual;
                try (ResultSet r = s.executeQuery(a.query().query())) {
                    actual = r.next() ? r.getString(1) : null;
                }
                return expect.problem(actual) == null ? DrillCheck.passed(name, actual)
                        : DrillCheck.failed(name, expect.toString(), actual == null ? "no row" : actual);
            } catch (SQLException e) {
                return DrillCheck.failed(name, expect.toString(), "error: " + e.getMessage());
            } finally {
                c.rollback();
            }
        } catch (SQLException e) {
            return DrillCheck.failed(name, expect.toString(), new PgServer(scratch).explain(e).getMessage());
        }
    }

    /** Null when the fact is missing or not an object. */
    private static Map<?, ?> mapOf(Map<String, Object> recorded, String key) {
        return recorded.get(key) instanceof Map<?, ?> m ? m : null;
    }

    private Connection connect() throws SQLException {
        return DriverManager.getConnection(scratch.jdbcUrl(), scratch.jdbcProperties());
    }
}
