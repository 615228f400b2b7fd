package dev.backroute.neo4j;

import org.neo4j.driver.AccessMode;
import org.neo4j.driver.AuthToken;
import org.neo4j.driver.AuthTokens;
import org.neo4j.driver.Config;
import org.neo4j.driver.Driver;
import org.neo4j.driver.GraphDatabase;
import org.neo4j.driver.Logging;
import org.neo4j.driver.Record;
import org.neo4j.driver.Result;
import org.neo4j.driver.Session;
import org.neo4j.driver.SessionConfig;
import org.neo4j.driver.exceptions.AuthenticationException;
import org.neo4j.driver.exceptions.Neo4jException;
import org.neo4j.driver.exceptions.SecurityException;
import org.neo4j.driver.exceptions.ServiceUnavailableException;
import org.neo4j.driver.exceptions.SessionExpiredException;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** A driver for one server and database, with Bolt errors turned into one-line operator messages. */
final class Neo4jConnection implements AutoCloseable {

    /** The URI schemes the driver accepts; the config refuses others at load time. */
    static final List<String> SCHEMES = List.of("bolt", "bolt+s", "bolt+ssc", "neo4j", "neo4j+s", "neo4j+ssc");

    /**
     * A parsed {@code bolt://[user@]host[:port][/database]} address; {@code display} is the server only
     * ({@code scheme://host:port}: no user info, no database, no query), for messages and manifests.
     */
    record Address(URI driverUri, String display, String user, String database) {

        static Address parse(String uri, String defaultUser, String defaultDatabase) {
            if (uri == null || uri.isBlank()) {
                throw new IllegalArgumentException("no Neo4j URI given; expected bolt://host:port[/database] or neo4j://host:port[/database]");
            }
            URI u;
            try {
                u = new URI(uri.trim());
            } catch (URISyntaxException e) {
                throw new IllegalArgumentException("bad Neo4j URI '" + uri + "': " + e.getReason());
            }
            if (u.getScheme() == null || !SCHEMES.contains(u.getScheme().toLowerCase()) || u.getHost() == null) {
                throw new IllegalArgumentException("bad Neo4j URI '" + redact(uri) + "': expected bolt://host:port[/database] or neo4j://host:port[/database]");
            }
            String user = defaultUser;
            if (u.getRawUserInfo() != null) {
                if (u.getRawUserInfo().contains(":")) {
                    throw new IllegalArgumentException("the Neo4j URI must not hold a password; give it with password_env or password_file");
                }
                user = u.getUserInfo();
            }
            String path = u.getPath() == null ? "" : u.getPath().replaceAll("^/+|/+$", "");
            String database = path.isEmpty() ? defaultDatabase : path;
            try {
                URI driverUri = new URI(u.getScheme(), null, u.getHost(), u.getPort(), null, u.getQuery(), null);
                String display = new URI(u.getScheme(), null, u.getHost(), u.getPort(), null, null, null).toString();
                return new Address(driverUri, display, user == null ? "neo4j" : user, database == null || database.isBlank() ? null : database);
            } catch (URISyntaxException e) {
                throw new IllegalArgumentException("bad Neo4j URI '" + redact(uri) + "': " + e.getReason());
            }
        }

        private static String redact(String uri) {
            return uri.replaceFirst("//[^/@]*@", "//");
        }
    }

    final Address address;
    final Driver driver;
    /** The database's real name (the server's default when none was asked for). */
    final String database;
    /**
     * The database's store id ({@code db.info()}'s {@code id}): made when the database is created and the same under
     * every host name, alias or scheme it is reached by; what tells a drill's scratch database from the source.
     */
    final String id;
    /** The config key an operator fixes when the server cannot be reached. */
    private final String uriKey;

    private Neo4jConnection(Address address, Driver driver, String database, String id, String uriKey) {
        this.address = address;
        this.driver = driver;
        this.database = database;
        this.id = id;
        this.uriKey = uriKey;
    }

    /** Connects, authenticates, checks that the database exists and reads its name and store id (in a read session). */
    static Neo4jConnection open(Address address, String password) throws IOException {
        return open(address, password, "source.uri");
    }

    /** As {@link #open(Address, String)}, for a server another config key names ({@code uriKey}, such as a drill's). */
    static Neo4jConnection open(Address address, String password, String uriKey) throws IOException {
        AuthToken auth = password == null ? AuthTokens.none() : AuthTokens.basic(address.user(), password);
        Config config = Config.builder()
                .withLogging(Logging.slf4j())
                .withConnectionTimeout(15, TimeUnit.SECONDS)
                .withMaxConnectionPoolSize(4)
                .withUserAgent("backroute")
                .build();
        Driver driver = GraphDatabase.driver(address.driverUri(), auth, config);
        try {
            driver.verifyConnectivity();
            Neo4jConnection probe = new Neo4jConnection(address, driver, address.database(), null, uriKey);
            Record info;
            try (Session s = probe.session(AccessMode.READ)) {
                info = s.run("CALL db.info() YIELD id, name RETURN id, name").single();
            }
            return new Neo4jConnection(address, driver, info.get("name").asString(), info.get("id").asString(), uriKey);
        } catch (RuntimeException e) {
            driver.close();
            throw translate(e, address, uriKey);
        }
    }

    Session session(AccessMode mode) {
        SessionConfig.Builder b = SessionConfig.builder().withDefaultAccessMode(mode);
        if (database != null) {
            b.withDatabase(database);
        }
        return driver.session(b.build());
    }

    /** Runs one statement in a transaction of its own (schema statements cannot share one with data). */
    void run(String statement) {
        try (Session s = session(AccessMode.WRITE)) {
            s.run(statement).consume();
        }
    }

    /** Runs a batch statement returning {@code c} in write transactions until it affects nothing; returns the total. */
    long repeat(String statement) {
        long total = 0;
        try (Session s = session(AccessMode.WRITE)) {
            while (true) {
                long c = s.executeWrite(tx -> tx.run(statement).single().get("c").asLong());
                if (c == 0) return total;
                total += c;
            }
        }
    }

    /** The single {@code c} a counting query returns. */
    long count(String query) {
        return count(query, Map.of());
    }

    long count(String query, Map<String, Object> parameters) {
        try (Session s = session(AccessMode.READ)) {
            return s.run(query, parameters).single().get("c").asLong();
        }
    }

    /** The {@code name} of every row of {@code query}. */
    List<String> names(String query) {
        List<String> out = new ArrayList<>();
        try (Session s = session(AccessMode.READ)) {
            Result r = s.run(query);
            while (r.hasNext()) out.add(r.next().get("name").asString());
        }
        return out;
    }

    /** The one-line message for a driver failure; a {@link Neo4jUnavailableException} when the server cannot be used. */
    IOException translate(RuntimeException e) {
        return translate(e, address, uriKey);
    }

    private static IOException translate(RuntimeException e, Address address, String uriKey) {
        String at = address.display();
        if (e instanceof AuthenticationException) {
            return new Neo4jUnavailableException("Neo4j at " + at + " refused the credentials of user '" + address.user()
                    + "': check password_env/password_file", e);
        }
        if (e instanceof ServiceUnavailableException || e instanceof SessionExpiredException) {
            return new Neo4jUnavailableException("cannot connect to Neo4j at " + at + ": " + reason(e)
                    + "; check " + uriKey + " and that the server is running", e);
        }
        if (e instanceof Neo4jException n && n.code() != null && n.code().endsWith("DatabaseNotFound")) {
            String db = address.database() == null ? "(default)" : address.database();
            return new Neo4jUnavailableException("Neo4j database '" + db + "' does not exist at " + at, e);
        }
        if (e instanceof SecurityException) {
            return new Neo4jUnavailableException("Neo4j at " + at + " refused user '" + address.user() + "': " + oneLine(e.getMessage()), e);
        }
        if (e instanceof IllegalArgumentException) {
            return new IOException(oneLine(e.getMessage()), e);
        }
        return new IOException("Neo4j at " + at + ": " + oneLine(e.getMessage()), e);
    }

    private static String reason(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof ConnectException) {
                String m = t.getMessage() == null ? "" : t.getMessage().toLowerCase();
                return m.contains("refused") ? "connection refused" : oneLine(t.getMessage());
            }
            if (t instanceof UnknownHostException) {
                return "unknown host " + t.getMessage();
            }
            if (t.getCause() == null || t.getCause() == t) {
                return t == e ? oneLine(e.getMessage()) : oneLine(t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage());
            }
        }
        return oneLine(e.getMessage());
    }

    static String oneLine(String s) {
        return s == null ? "" : s.replaceAll("\\s*\\R\\s*", " ").trim();
    }

    @Override
    public void close() {
        driver.close();
    }
}
