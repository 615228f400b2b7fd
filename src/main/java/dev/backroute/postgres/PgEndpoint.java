package dev.backroute.postgres;

import dev.backroute.ChildEnvironment;
import dev.backroute.config.ConfigException;

import java.net.URI;
import java.net.URLEncoder;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Properties;

/**
 * Where a PostgreSQL client connects: host, port, user and database, plus the password, which only ever
 * travels in a child process's environment ({@code PGPASSWORD}) or a JDBC property — never on a command line.
 */
public record PgEndpoint(String host, int port, String user, String password, String database) {

    public static PgEndpoint of(PostgresSource source, Map<String, String> env, String database) {
        String password = source.password().isConfigured() ? source.password().resolve(env) : null;
        return new PgEndpoint(source.host(), source.port(), source.user(), password, database);
    }

    /** {@code postgresql://[user@]host[:port]/database}; the password comes from the type's source config. */
    public static PgEndpoint parse(String uri, PostgresSource defaults, Map<String, String> env) {
        URI u;
        try {
            u = new URI(uri);
        } catch (URISyntaxException e) {
            throw new ConfigException("--destination", "--destination " + uri + ": not a valid URI (" + e.getReason() + ")");
        }
        String db = u.getPath() == null ? "" : u.getPath().replaceFirst("^/", "");
        if (!"postgresql".equals(u.getScheme()) && !"postgres".equals(u.getScheme()) || u.getHost() == null || db.isEmpty()) {
            throw new ConfigException("--destination", "--destination " + uri
                    + ": expected postgresql://[user@]host[:port]/database");
        }
        if (u.getUserInfo() != null && u.getUserInfo().contains(":")) {
            throw new ConfigException("--destination", "--destination: do not put a password in the URI (it would show in ps"
                    + " and shell history); it is taken from " + defaults.password().field() + "_env or _file");
        }
        PgEndpoint base = of(defaults, env, db);
        return new PgEndpoint(u.getHost(), u.getPort() < 0 ? 5432 : u.getPort(),
                u.getUserInfo() != null ? u.getUserInfo() : base.user(), base.password(), db);
    }

    public PgEndpoint withDatabase(String db) {
        return new PgEndpoint(host, port, user, password, db);
    }

    /** The database percent-encoded, as pgjdbc decodes it: a {@code ?}, {@code %} or {@code /} in a name stays in the name. */
    public String jdbcUrl() {
        return "jdbc:postgresql://" + host + ":" + port + "/" + URLEncoder.encode(database, StandardCharsets.UTF_8).replace("+", "%20");
    }

    /**
     * The database as psql, pg_dump and pg_restore take it: {@code --dbname} reads a name with {@code =} in it, or one
     * starting with {@code postgresql://}, as a connection string (a database {@code dbname=other x=} would connect to
     * {@code other}), so it is always given as a connection string naming the database, quoted as libpq quotes a value.
     */
    public String dbnameArg() {
        return "--dbname=dbname='" + database.replace("\\", "\\\\").replace("'", "\\'") + "'";
    }

    public Properties jdbcProperties() {
        Properties p = new Properties();
        p.setProperty("user", user);
        if (password != null) {
            p.setProperty("password", password);
        }
        p.setProperty("connectTimeout", "10");
        p.setProperty("ApplicationName", "backroute");
        return p;
    }

    /** The environment for pg_dump, psql and pg_restore: the allow-listed part of {@code inherited}, the password and a connect timeout. */
    public Map<String, String> childEnvironment(Map<String, String> inherited) {
        Map<String, String> env = ChildEnvironment.postgresClient(inherited);
        if (password != null) {
            env.put("PGPASSWORD", password);
        }
        env.put("PGCONNECT_TIMEOUT", "10");
        return env;
    }

    /** Connection arguments shared by every client tool; never the password. */
    public java.util.List<String> clientArgs() {
        return java.util.List.of("--host=" + host, "--port=" + port, "--username=" + user, "--no-password");
    }

    public String describe() {
        return host + ":" + port;
    }

    @Override
    public String toString() {
        return "PgEndpoint[" + user + "@" + host + ":" + port + "/" + database + "]";
    }
}
