package dev.backroute.testsupport;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import java.util.Map;

/**
 * A cluster database for a test class's members: a {@link PgTestServer} with an empty {@code cluster} database, started
 * before the class's tests and closed after them. Register it as a static {@code @RegisterExtension} field. Members'
 * configs take the password from the environment variable {@code CLUSTER_PW}, which {@link #env()} sets.
 */
public final class PgClusterFixture implements BeforeAllCallback, AfterAllCallback {
    private final String password;
    private PgTestServer server;

    public PgClusterFixture(String password) {
        this.password = password;
    }

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        server = PgTestServer.start(password);
        server.execute("postgres", "CREATE DATABASE cluster");
    }

    @Override
    public void afterAll(ExtensionContext context) throws Exception {
        server.close();
    }

    public PgTestServer server() {
        return server;
    }

    /** The environment a member needs to log in: the password in {@code CLUSTER_PW}. */
    public Map<String, String> env() {
        return Map.of("CLUSTER_PW", password);
    }

    public String jdbcUrl() {
        return jdbcUrl(server.port());
    }

    /** The cluster database's URL on {@code port}, which may be one nothing listens on. */
    public static String jdbcUrl(int port) {
        return "jdbc:postgresql://127.0.0.1:" + port + "/cluster";
    }

    /** A member config's {@code "cluster"} member (no trailing comma), for {@code instance} on this database. */
    public String clusterBlock(String instance) {
        return clusterBlock(server.port(), instance);
    }

    /** As {@link #clusterBlock(String)}, for a database on {@code port}. */
    public static String clusterBlock(int port, String instance) {
        return """
                "cluster": { "enabled": true, "jdbc_url": "%s", "user": "postgres",
                               "password_env": "CLUSTER_PW", "instance": "%s", "checkin_seconds": 2 }"""
                .formatted(jdbcUrl(port), instance);
    }
}
