package dev.backroute.postgres;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * What Backroute asks a PostgreSQL server over JDBC: its version, a database's size, and creating, commenting or
 * dropping one.
 */
public final class PgServer {
    private final PgEndpoint endpoint;

    public PgServer(PgEndpoint endpoint) {
        this.endpoint = endpoint;
    }

    public Connection connect() throws PgException {
        try {
            return DriverManager.getConnection(endpoint.jdbcUrl(), endpoint.jdbcProperties());
        } catch (SQLException e) {
            throw explain(e);
        }
    }

    /** Server version and size facts for a backup manifest's {@code source} block. */
    public Map<String, Object> facts() throws PgException {
        Map<String, Object> facts = new LinkedHashMap<>();
        try (Connection c = connect(); Statement s = c.createStatement()) {
            try (ResultSet r = s.executeQuery("SELECT current_setting('server_version'), current_setting('server_version_num')::int,"
                    + " pg_database_size(current_database())")) {
                r.next();
                facts.put("server_version", r.getString(1));
                facts.put("server_version_num", r.getInt(2));
                facts.put("database_bytes", r.getLong(3));
            }
            try (ResultSet r = s.executeQuery("SELECT count(*), coalesce(sum(greatest(c.reltuples, 0)), 0)::bigint"
                    + " FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace"
                    + " WHERE c.relkind IN ('r', 'p') AND n.nspname NOT IN ('pg_catalog', 'information_schema')"
                    + " AND n.nspname NOT LIKE 'pg_toast%'")) {
                r.next();
                facts.put("tables", r.getLong(1));
                facts.put("row_estimate", r.getLong(2));
            }
        } catch (SQLException e) {
            throw explain(e);
        }
        return facts;
    }

    /** How many user relations (tables, views, sequences…) the database holds; 0 for an empty one. */
    public long userRelations() throws PgException {
        try (Connection c = connect(); Statement s = c.createStatement();
             ResultSet r = s.executeQuery("SELECT count(*) FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace"
                     + " WHERE n.nspname NOT IN ('pg_catalog', 'information_schema') AND n.nspname NOT LIKE 'pg_toast%'"
                     + " AND n.nspname NOT LIKE 'pg_temp%'")) {
            r.next();
            return r.getLong(1);
        } catch (SQLException e) {
            throw explain(e);
        }
    }

    /** Run against the maintenance database {@code postgres}. */
    public boolean databaseExists(String name) throws PgException {
        try (Connection c = connect(); PreparedStatement s = c.prepareStatement("SELECT 1 FROM pg_database WHERE datname = ?")) {
            s.setString(1, name);
            try (ResultSet r = s.executeQuery()) {
                return r.next();
            }
        } catch (SQLException e) {
            throw explain(e);
        }
    }

    public void createDatabase(String name) throws PgException {
        execute("CREATE DATABASE " + quoteIdent(name));
    }

    /**
     * An empty database for a drill's restore: from {@code template0}, as pg_dump expects (template1 may hold an
     * operator's objects, which would make it not empty). In {@code encoding}, with the C locale that goes with every
     * encoding, when that is not template0's.
     *
     * @param encoding one of {@link #SERVER_ENCODINGS}, or null for template0's (the server's)
     */
    public void createEmptyDatabase(String name, String encoding) throws PgException {
        if (encoding != null && !SERVER_ENCODINGS.contains(encoding)) {
            throw new IllegalArgumentException("not a PostgreSQL server encoding: " + encoding);
        }
        String sql = "CREATE DATABASE " + quoteIdent(name) + " TEMPLATE template0";
        execute(encoding == null || encoding.equals(templateEncoding()) ? sql
                : sql + " ENCODING '" + encoding + "' LC_COLLATE 'C' LC_CTYPE 'C'");
    }

    /** The encodings a PostgreSQL database may have (client-only ones such as SJIS or GBK are not). */
    static final Set<String> SERVER_ENCODINGS = Set.of("SQL_ASCII", "UTF8", "MULE_INTERNAL", "EUC_CN", "EUC_JP",
            "EUC_JIS_2004", "EUC_KR", "EUC_TW", "ISO_8859_5", "ISO_8859_6", "ISO_8859_7", "ISO_8859_8", "KOI8R", "KOI8U",
            "LATIN1", "LATIN2", "LATIN3", "LATIN4", "LATIN5", "LATIN6", "LATIN7", "LATIN8", "LATIN9", "LATIN10", "WIN866",
            "WIN874", "WIN1250", "WIN1251", "WIN1252", "WIN1253", "WIN1254", "WIN1255", "WIN1256", "WIN1257", "WIN1258");

    /** In the maintenance database: template0's encoding, the server's own. */
    private String templateEncoding() throws PgException {
        try (Connection c = connect(); Statement s = c.createStatement();
             ResultSet r = s.executeQuery("SELECT pg_encoding_to_char(encoding) FROM pg_database WHERE datname = 'template0'")) {
            return r.next() ? r.getString(1) : null;
        } catch (SQLException e) {
            throw explain(e);
        }
    }

    /** In the endpoint's database. */
    public void createSchemaIfMissing(String name) throws PgException {
        execute("CREATE SCHEMA IF NOT EXISTS " + quoteIdent(name));
    }

    /** In the maintenance database: every database of the server, each with its comment (null when it has none). */
    public Map<String, String> databaseComments() throws PgException {
        Map<String, String> comments = new LinkedHashMap<>();
        try (Connection c = connect(); Statement s = c.createStatement();
             ResultSet r = s.executeQuery("SELECT datname, shobj_description(oid, 'pg_database') FROM pg_database ORDER BY datname")) {
            while (r.next()) {
                comments.put(r.getString(1), r.getString(2));
            }
        } catch (SQLException e) {
            throw explain(e);
        }
        return comments;
    }

    public void commentOnDatabase(String name, String comment) throws PgException {
        execute("COMMENT ON DATABASE " + quoteIdent(name) + " IS '" + comment.replace("'", "''") + "'");
    }

    public void dropDatabase(String name) throws PgException {
        execute("DROP DATABASE IF EXISTS " + quoteIdent(name) + " WITH (FORCE)");
    }

    private void execute(String sql) throws PgException {
        try (Connection c = connect(); Statement s = c.createStatement()) {
            s.execute(sql);
        } catch (SQLException e) {
            throw explain(e);
        }
    }

    static String quoteIdent(String name) {
        return '"' + name.replace("\"", "\"\"") + '"';
    }

    /** SQLSTATEs an operator can act on, turned into one-line advice; the password never appears. */
    PgException explain(SQLException e) {
        String where = "PostgreSQL at " + endpoint.describe();
        String state = e.getSQLState() == null ? "" : e.getSQLState();
        String msg;
        if (state.startsWith("08")) {
            msg = "cannot connect to " + where + ": " + e.getMessage() + "; check source.host/port and that the server is running";
        } else if (state.equals("28P01") || state.equals("28000")) {
            msg = where + " refused the credentials of user '" + endpoint.user() + "': check source.user and"
                    + " source.password_env/password_file";
        } else if (state.equals("3D000")) {
            msg = "database '" + endpoint.database() + "' does not exist on " + endpoint.describe() + ": check source.databases";
        } else {
            msg = where + ": " + e.getMessage();
        }
        return new PgException(msg, e);
    }
}
