package dev.backroute.cluster;

import dev.backroute.config.ClusterConfig;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Map;
import java.util.Properties;

/**
 * Connections to the cluster database. The password goes to the driver as a property, never into the URL, so
 * no log line, exception or {@code pg_stat_activity} row shows it; each connection names its member and purpose
 * in {@code application_name}, which is how a lock's holder is told to whoever waits for it.
 */
public final class ClusterDatabase {
    /** pg_stat_activity keeps 63 bytes of application_name. */
    private static final int APPLICATION_NAME_MAX = 63;

    private final ClusterConfig config;
    private final Map<String, String> env;

    public ClusterDatabase(ClusterConfig config, Map<String, String> env) {
        this.config = config;
        this.env = env;
    }

    public ClusterConfig config() {
        return config;
    }

    public String instance() {
        return config.instance();
    }

    /** The database, as messages name it: the URL without its parameters. */
    public String where() {
        return config.jdbcUrl().replaceFirst("\\?.*", "");
    }

    /**
     * A new connection for {@code purpose} (a few words: "scheduler", "lock of data_files"). The server is told to
     * probe the connection while idle, so a lock held by a member whose machine vanished is released within about a
     * minute rather than whenever the operating system gives up on the socket.
     */
    public Connection connect(String purpose) throws SQLException {
        Properties p = new Properties();
        p.setProperty("user", config.user());
        if (config.password().isConfigured()) {
            p.setProperty("password", config.password().resolve(env));
        }
        p.setProperty("ApplicationName", applicationName(purpose));
        p.setProperty("connectTimeout", "10");
        p.setProperty("loginTimeout", "10");
        p.setProperty("tcpKeepAlive", "true");
        // A database that stops answering (packets dropped, not refused) fails a statement within a minute rather than
        // after the operating system's two hours: a scheduler or check-in thread must not hang on it. An idle
        // connection holding a lock waits for no answer, so this does not touch it.
        p.setProperty("socketTimeout", "60");
        p.setProperty("options", "-c tcp_keepalives_idle=20 -c tcp_keepalives_interval=5 -c tcp_keepalives_count=4");
        return DriverManager.getConnection(config.jdbcUrl(), p);
    }

    /** "backroute host-a: lock of data_files", cut to what PostgreSQL keeps. */
    String applicationName(String purpose) {
        String name = "backroute " + config.instance() + ": " + purpose;
        return name.length() <= APPLICATION_NAME_MAX ? name : name.substring(0, APPLICATION_NAME_MAX);
    }

    /** One line for an operator: what failed, on which database, and what to check. */
    public String unreachable(SQLException e) {
        String reason = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage().lines().findFirst().orElse("");
        return "cluster database " + where() + " cannot be used: " + reason
                + "; check cluster.jdbc_url, cluster.user and the password, and that the server is up";
    }
}
