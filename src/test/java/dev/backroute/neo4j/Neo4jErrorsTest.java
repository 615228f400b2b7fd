package dev.backroute.neo4j;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.neo4j.configuration.GraphDatabaseSettings;
import org.neo4j.harness.Neo4j;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.ServerSocket;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Error messages against an in-process Neo4j 5.26 with authentication enabled, and against a closed port. */
class Neo4jErrorsTest {
    private static final String PASSWORD = "right-password-1";
    private static Neo4j neo4j;
    private static String uri;

    @BeforeAll
    static void start() {
        neo4j = TestGraphs.builder().withConfig(GraphDatabaseSettings.auth_enabled, true).build();
        neo4j.databaseManagementService().database("system")
                .executeTransactionally("ALTER USER neo4j SET PASSWORD '" + PASSWORD + "' CHANGE NOT REQUIRED");
        uri = "bolt://127.0.0.1:" + neo4j.boltURI().getPort();
    }

    @AfterAll
    static void stop() {
        if (neo4j != null) neo4j.close();
    }

    @Test
    void exportsWithTheRightPassword() throws IOException {
        neo4j.defaultDatabaseService().executeTransactionally("CREATE (:Probe {x: 1})");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Map<String, Object> facts = new Neo4jExporter(TestGraphs.source(uri), TestGraphs.env(PASSWORD)).export(out);
        assertThat(facts).containsEntry("nodes", 1L).containsEntry("uri", uri);
        assertThat(Neo4jExportFormat.verify(new ByteArrayInputStream(out.toByteArray()))).startsWith("1 nodes, 0 relationships");
    }

    @Test
    void wrongPassword() {
        assertThatThrownBy(() -> new Neo4jExporter(TestGraphs.source(uri), TestGraphs.env("wrong")).export(new ByteArrayOutputStream()))
                .isInstanceOf(Neo4jUnavailableException.class)
                .hasMessage("Neo4j at " + uri + " refused the credentials of user 'neo4j': check password_env/password_file");
        assertThatThrownBy(() -> new Neo4jRestorer(TestGraphs.source(uri), TestGraphs.env("wrong"))
                .restore(new ByteArrayInputStream(new byte[0]), uri, false))
                .isInstanceOf(Neo4jUnavailableException.class)
                .hasMessage("Neo4j at " + uri + " refused the credentials of user 'neo4j': check password_env/password_file");
    }

    @Test
    void missingDatabase() {
        assertThatThrownBy(() -> new Neo4jExporter(TestGraphs.source(uri, "nope"), TestGraphs.env(PASSWORD)).export(new ByteArrayOutputStream()))
                .isInstanceOf(Neo4jUnavailableException.class)
                .hasMessage("Neo4j database 'nope' does not exist at " + uri);
        assertThatThrownBy(() -> new Neo4jRestorer(TestGraphs.source(uri), TestGraphs.env(PASSWORD))
                .restore(new ByteArrayInputStream(new byte[0]), uri + "/nope", false))
                .isInstanceOf(Neo4jUnavailableException.class)
                .hasMessage("Neo4j database 'nope' does not exist at " + uri);
    }

    @Test
    void serverDown() throws IOException {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        String closed = "bolt://127.0.0.1:" + port;
        assertThatThrownBy(() -> new Neo4jExporter(TestGraphs.source(closed), TestGraphs.env(PASSWORD)).export(new ByteArrayOutputStream()))
                .isInstanceOf(Neo4jUnavailableException.class)
                .hasMessage("cannot connect to Neo4j at " + closed + ": connection refused; check source.uri and that the server is running");
        assertThatThrownBy(() -> new Neo4jRestorer(TestGraphs.source(uri), TestGraphs.env(PASSWORD))
                .restore(new ByteArrayInputStream(new byte[0]), closed, false))
                .isInstanceOf(Neo4jUnavailableException.class)
                .hasMessageStartingWith("cannot connect to Neo4j at " + closed + ": connection refused");
    }

    @Test
    void missingPasswordVariableNamesTheConfigField() {
        assertThatThrownBy(() -> new Neo4jExporter(TestGraphs.source(uri), Map.of()).export(new ByteArrayOutputStream()))
                .hasMessageContaining("backup_types.neo4j.source.password_env")
                .hasMessageContaining("NEO4J_PASSWORD");
    }
}
