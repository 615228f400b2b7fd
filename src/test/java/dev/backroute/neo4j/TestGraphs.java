package dev.backroute.neo4j;

import dev.backroute.config.SecretRef;
import org.neo4j.driver.AuthTokens;
import org.neo4j.driver.Driver;
import org.neo4j.driver.GraphDatabase;
import org.neo4j.driver.Record;
import org.neo4j.driver.Session;
import org.neo4j.driver.Value;
import org.neo4j.driver.types.Node;
import org.neo4j.driver.types.Relationship;
import org.neo4j.harness.Neo4j;
import org.neo4j.harness.Neo4jBuilder;
import org.neo4j.harness.Neo4jBuilders;

import java.nio.file.Files;
import java.nio.file.Path;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Test helpers: in-process Neo4j 5.26 harnesses (Community Edition, Bolt on a free port) and graph comparison. */
final class TestGraphs {
    static final String PASSWORD_ENV = "NEO4J_PASSWORD";

    private TestGraphs() {}

    static Neo4j start() {
        return builder().build();
    }

    /** A harness builder working in memory-backed /dev/shm when there is one (much faster start, checkpoint and close). */
    static Neo4jBuilder builder() {
        Path shm = Path.of("/dev/shm");
        Neo4jBuilder b = Files.isDirectory(shm) && Files.isWritable(shm) ? Neo4jBuilders.newInProcessBuilder(shm)
                : Neo4jBuilders.newInProcessBuilder();
        return b.withDisabledServer();
    }

    static Neo4jSource source(String uri) {
        return source(uri, null);
    }

    static Neo4jSource source(String uri, String database) {
        return new Neo4jSource(uri, "neo4j", new SecretRef("backup_types.neo4j.source.password", PASSWORD_ENV, null), database,
                "logical", null);
    }

    static Map<String, String> env(String password) {
        return Map.of(PASSWORD_ENV, password);
    }

    static Driver driver(Neo4j neo4j) {
        return GraphDatabase.driver(neo4j.boltURI(), AuthTokens.none());
    }

    static void run(Neo4j neo4j, String cypher, Map<String, Object> params) {
        try (Driver d = driver(neo4j); Session s = d.session()) {
            s.run(cypher, params).consume();
        }
    }

    static long count(Neo4j neo4j, String cypher) {
        try (Driver d = driver(neo4j); Session s = d.session()) {
            return s.run(cypher).single().get(0).asLong();
        }
    }

    /** The store id of the harness's default database. */
    static String databaseId(Neo4j neo4j) {
        try (Driver d = driver(neo4j); Session s = d.session()) {
            return s.run("CALL db.info() YIELD id RETURN id").single().get(0).asString();
        }
    }

    /** Empties a database: data, constraints, non-lookup indexes. */
    static void clear(Neo4j neo4j) {
        try (Driver d = driver(neo4j); Session s = d.session()) {
            s.run("MATCH (n) DETACH DELETE n").consume();
            for (Record r : s.run("SHOW CONSTRAINTS YIELD name").list()) {
                s.run("DROP CONSTRAINT `" + r.get(0).asString().replace("`", "``") + "`").consume();
            }
            for (Record r : s.run("SHOW INDEXES YIELD name, type WHERE type <> 'LOOKUP' RETURN name").list()) {
                s.run("DROP INDEX `" + r.get(0).asString().replace("`", "``") + "`").consume();
            }
        }
    }

    /** Every node and relationship as canonical text (labels, types, every property value with its driver type), sorted. */
    static List<String> graph(Neo4j neo4j) {
        try (Driver d = driver(neo4j); Session s = d.session()) {
            List<String> out = new ArrayList<>();
            for (Record r : s.run("MATCH (n) RETURN n").list()) {
                out.add("N " + node(r.get("n").asNode()));
            }
            for (Record r : s.run("MATCH (a)-[r]->(b) RETURN a, r, b").list()) {
                Relationship rel = r.get("r").asRelationship();
                out.add("R " + node(r.get("a").asNode()) + " -[" + rel.type() + " " + props(rel.asMap(v -> v)) + "]-> " + node(r.get("b").asNode()));
            }
            out.sort(null);
            return out;
        }
    }

    /** Constraints and indexes (not lookup) as canonical text, sorted. */
    static List<String> schema(Neo4j neo4j) {
        try (Driver d = driver(neo4j); Session s = d.session()) {
            List<String> out = new ArrayList<>();
            for (Record r : s.run("SHOW CONSTRAINTS YIELD name, type, entityType, labelsOrTypes, properties RETURN *").list()) {
                out.add("constraint " + r.get("name").asString() + " " + r.get("type").asString() + " " + r.get("entityType").asString()
                        + " " + r.get("labelsOrTypes").asList() + " " + r.get("properties").asList());
            }
            for (Record r : s.run("SHOW INDEXES YIELD name, type, entityType, labelsOrTypes, properties, options WHERE type <> 'LOOKUP' RETURN *").list()) {
                out.add("index " + r.get("name").asString() + " " + r.get("type").asString() + " " + r.get("entityType").asString()
                        + " " + r.get("labelsOrTypes").asList() + " " + r.get("properties").asList() + " "
                        + new TreeMap<>(r.get("options").get("indexConfig").asMap(TestGraphs::canon)));
            }
            out.sort(null);
            return out;
        }
    }

    static String node(Node n) {
        List<String> labels = new ArrayList<>();
        n.labels().forEach(labels::add);
        labels.sort(null);
        return labels + props(n.asMap(v -> v));
    }

    static String props(Map<String, Value> props) {
        TreeMap<String, String> sorted = new TreeMap<>();
        props.forEach((k, v) -> sorted.put(k, canon(v)));
        return sorted.toString();
    }

    /** A value with its driver type, exact: doubles by their bits' text, byte arrays by content, lists element by element. */
    static String canon(Value v) {
        String type = v.type().name();
        Object o = v.asObject();
        String repr;
        if (o instanceof List<?>) {
            List<String> items = new ArrayList<>();
            v.values().forEach(e -> items.add(canon(e)));
            repr = String.join(", ", items);
            repr = "[" + repr + "]";
        } else if (o instanceof byte[] b) {
            repr = Arrays.toString(b);
        } else if (o instanceof Double dbl) {
            repr = Double.toString(dbl) + "/" + Long.toHexString(Double.doubleToLongBits(dbl));
        } else {
            repr = String.valueOf(o);
        }
        return type + ":" + repr;
    }
}
