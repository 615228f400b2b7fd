package dev.backroute.neo4j;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.neo4j.driver.Driver;
import org.neo4j.driver.Session;
import org.neo4j.driver.Value;
import org.neo4j.harness.Neo4j;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Export from one in-process Neo4j 5.26 (Community) and restore into a second one, over Bolt. */
class Neo4jRoundTripTest {
    private static Neo4j source;
    private static Neo4j target;
    private static byte[] export;
    private static Map<String, Object> facts;
    private static List<String> sourceGraph;
    private static List<String> sourceSchema;

    @BeforeAll
    static void startAndExport() throws Exception {
        var second = java.util.concurrent.CompletableFuture.supplyAsync(TestGraphs::start);
        source = TestGraphs.start();
        target = second.get();
        MovieGraph.create(source);
        sourceGraph = TestGraphs.graph(source);
        sourceSchema = TestGraphs.schema(source);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        facts = new Neo4jExporter(TestGraphs.source(source.boltURI().toString()), TestGraphs.env("any")).export(out);
        export = out.toByteArray();
    }

    @AfterAll
    static void stop() {
        if (source != null) source.close();
        if (target != null) target.close();
    }

    @Test
    @SuppressWarnings("unchecked")
    void exportFactsDescribeTheGraph() {
        assertThat(facts).containsEntry("kind", "neo4j").containsEntry("database", "neo4j")
                .containsEntry("format", "backroute-neo4j-jsonl/1")
                .containsEntry("uri", "bolt://127.0.0.1:" + source.boltURI().getPort())
                .containsEntry("edition", "community").containsEntry(SourceGuard.RECORDED_ID, TestGraphs.databaseId(source));
        assertThat((String) facts.get("server_version")).startsWith("5.26");
        assertThat(facts.get("nodes")).isEqualTo(TestGraphs.count(source, "MATCH (n) RETURN count(n)"));
        assertThat(facts.get("relationships")).isEqualTo(TestGraphs.count(source, "MATCH ()-[r]->() RETURN count(r)"));
        assertThat((List<Object>) facts.get("labels")).containsExactly("AllTypes", "Director", "Genre", "Movie", MovieGraph.ODD_LABEL, "Person", "Place");
        assertThat((List<Object>) facts.get("relationship_types"))
                .containsExactly("ACTED_IN", "DIRECTED", "IN_GENRE", MovieGraph.ODD_TYPE, "SELF", "SIMILAR_TO");
        assertThat((Map<String, Object>) facts.get("label_counts")).containsEntry("Movie", 40L).containsEntry("Genre", 4L)
                .containsEntry("Person", TestGraphs.count(source, "MATCH (n:Person) RETURN count(n)"))
                .containsEntry(MovieGraph.ODD_LABEL, 1L).hasSize(7);
        assertThat((Map<String, Object>) facts.get("relationship_type_counts")).containsEntry("IN_GENRE",
                TestGraphs.count(source, "MATCH ()-[r:IN_GENRE]->() RETURN count(r)")).containsEntry("SELF", 1L).hasSize(6);
        assertThat(facts).containsEntry("constraints", 2).containsEntry("indexes", 8);
    }

    @Test
    void everyRecordIsOneJsonLineInOrder() throws IOException {
        String[] lines = new String(export, StandardCharsets.UTF_8).split("\n");
        assertThat(lines[0]).startsWith("{\"kind\":\"header\",\"format\":\"backroute-neo4j-jsonl/1\"");
        assertThat(lines[lines.length - 1]).startsWith("{\"kind\":\"trailer\"");
        assertThat(Neo4jExportFormat.verify(new ByteArrayInputStream(export)))
                .isEqualTo(facts.get("nodes") + " nodes, " + facts.get("relationships") + " relationships, 2 constraints, 8 indexes");
        String all = String.join("\n", lines);
        assertThat(all).contains("{\"t\":\"datetime\",\"v\":\"2024-03-01T12:00+01:00[Europe/Paris]\"}")
                .contains("{\"t\":\"list\",\"of\":\"any\",\"v\":[]}")
                .contains("{\"t\":\"double\",\"v\":\"NaN\"}");
    }

    @Test
    void restoresIntoAnEmptyDatabaseExactly() throws IOException {
        TestGraphs.clear(target);
        Map<String, Object> result = restore(false);
        assertThat(result).containsEntry("nodes", facts.get("nodes")).containsEntry("relationships", facts.get("relationships"))
                .containsEntry("constraints", 2).containsEntry("indexes", 8).containsEntry("overwritten", false)
                .containsEntry("database", "neo4j");
        assertSameAsSource();
        // the node with every property type reads back the very values it was created with
        try (Driver d = TestGraphs.driver(target); Session s = d.session()) {
            Map<String, Value> props = s.run("MATCH (x:AllTypes) RETURN x").single().get("x").asNode().asMap(v -> v);
            Map<String, Value> expected = MovieGraph.allTypes();
            assertThat(props.keySet()).containsExactlyInAnyOrderElementsOf(expected.keySet());
            for (Map.Entry<String, Value> e : expected.entrySet()) {
                assertThat(TestGraphs.canon(props.get(e.getKey()))).as(e.getKey()).isEqualTo(TestGraphs.canon(e.getValue()));
            }
            assertThat(props.get("dateTimeZone").asZonedDateTime().getZone().getId()).isEqualTo("Europe/Paris");
            assertThat(props.get("bytes").asByteArray()).containsExactly(0, 1, -1, 127, -128);
            assertThat(props.get("wgs84_3d").asPoint().srid()).isEqualTo(4979);
            assertThat(props.get("duration").asIsoDuration().months()).isEqualTo(14);
        }
    }

    @Test
    void refusesANonEmptyDatabaseWithoutOverwriteAndChangesNothing() throws IOException {
        TestGraphs.clear(target);
        TestGraphs.run(target, "CREATE (:Sentinel {keep: true}), (:Sentinel)", Map.of());
        int port = target.boltURI().getPort();
        assertThatThrownBy(() -> restore(false))
                .isInstanceOf(Neo4jTargetNotEmptyException.class)
                .hasMessage("Neo4j database 'neo4j' at bolt://127.0.0.1:" + port + " is not empty (2 nodes); pass --overwrite to replace its contents");
        assertThat(TestGraphs.graph(target)).containsExactly("N [Sentinel]{keep=BOOLEAN:true}", "N [Sentinel]{}");
        assertThat(TestGraphs.schema(target)).isEmpty();
    }

    @Test
    void overwriteReplacesEverything() throws IOException {
        TestGraphs.clear(target);
        TestGraphs.run(target, "CREATE CONSTRAINT sentinel_key FOR (s:Sentinel) REQUIRE s.k IS UNIQUE", Map.of());
        TestGraphs.run(target, "CREATE INDEX movie_old FOR (m:Movie) ON (m.old)", Map.of());
        TestGraphs.run(target, "UNWIND range(1, 6000) AS i CREATE (:Sentinel {k: i})-[:X]->(:Other)", Map.of());
        Map<String, Object> result = restore(true);
        assertThat(result).containsEntry("overwritten", true).containsEntry("nodes", facts.get("nodes"));
        assertSameAsSource();
    }

    @Test
    void restoreSkipsConstraintsTheEditionLacksAndQuotesNames() throws IOException {
        TestGraphs.clear(target);
        String key = "{\"kind\":\"constraint\",\"name\":\"person key\",\"type\":\"NODE_KEY\",\"entity_type\":\"NODE\","
                + "\"labels_or_types\":[\"Per`son\"],\"properties\":[\"na me\"]}";
        String file = "{\"kind\":\"header\",\"format\":\"backroute-neo4j-jsonl/1\"}\n" + key + "\n"
                + "{\"kind\":\"node\",\"id\":\"a\",\"labels\":[\"Per`son\"],\"props\":{\"na me\":{\"t\":\"string\",\"v\":\"x\"}}}\n"
                + "{\"kind\":\"trailer\",\"nodes\":1,\"relationships\":0,\"constraints\":1,\"indexes\":0}\n";
        Map<String, Object> result = new Neo4jRestorer(TestGraphs.source(null), TestGraphs.env("any"))
                .restore(new ByteArrayInputStream(file.getBytes(StandardCharsets.UTF_8)), "bolt://127.0.0.1:" + target.boltURI().getPort() + "/neo4j", false);
        assertThat(result).containsEntry("nodes", 1L).containsEntry("constraints", 0);
        assertThat((List<?>) result.get("skipped")).singleElement().asString().startsWith("constraint person key (NODE_KEY): ").containsIgnoringCase("enterprise");
        assertThat(TestGraphs.graph(target)).containsExactly("N [Per`son]{na me=STRING:x}");
    }

    @Test
    void restoreRefusesFilesThatAreNotExportsAndRelationshipsToUnknownNodes() {
        TestGraphs.clear(target);
        Neo4jRestorer restorer = new Neo4jRestorer(TestGraphs.source(null), TestGraphs.env("any"));
        String uri = "bolt://127.0.0.1:" + target.boltURI().getPort();
        assertThatThrownBy(() -> restorer.restore(new ByteArrayInputStream("{\"kind\":\"node\"}\n".getBytes(StandardCharsets.UTF_8)), uri, false))
                .isInstanceOf(IOException.class).hasMessageContaining("first record must be the header");
        assertThat(TestGraphs.schema(target)).isEmpty();
        String file = "{\"kind\":\"header\",\"format\":\"backroute-neo4j-jsonl/1\"}\n"
                + "{\"kind\":\"node\",\"id\":\"a\",\"labels\":[],\"props\":{}}\n"
                + "{\"kind\":\"relationship\",\"id\":\"r\",\"type\":\"T\",\"start\":\"a\",\"end\":\"missing\",\"props\":{}}\n"
                + "{\"kind\":\"trailer\",\"nodes\":1,\"relationships\":1,\"constraints\":0,\"indexes\":0}\n";
        assertThatThrownBy(() -> restorer.restore(new ByteArrayInputStream(file.getBytes(StandardCharsets.UTF_8)), uri, false))
                .isInstanceOf(IOException.class)
                .hasMessage("1 relationships of the export name nodes it does not hold; the export is damaged");
    }

    @Test
    void targetUriRules() {
        Neo4jConnection.Address a = Neo4jConnection.Address.parse("bolt://alice@db.example:7688/movies", "neo4j", "neo4j");
        assertThat(a.user()).isEqualTo("alice");
        assertThat(a.database()).isEqualTo("movies");
        assertThat(a.display()).isEqualTo("bolt://db.example:7688");
        assertThat(a.driverUri().toString()).isEqualTo("bolt://db.example:7688");
        Neo4jConnection.Address b = Neo4jConnection.Address.parse("neo4j://db.example", "neo4j", "graph");
        assertThat(b.database()).isEqualTo("graph");
        assertThat(b.user()).isEqualTo("neo4j");
        assertThatThrownBy(() -> Neo4jConnection.Address.parse("bolt://alice:secret@db.example:7687", "neo4j", null))
                .hasMessage("the Neo4j URI must not hold a password; give it with password_env or password_file")
                .hasMessageNotContaining("secret@");
        assertThatThrownBy(() -> Neo4jConnection.Address.parse("http://db.example:7474", "neo4j", null))
                .hasMessageContaining("expected bolt://host:port[/database]");
    }

    @Test
    void verifyRejectsTruncatedCorruptedAndMiscountedFiles() {
        String text = new String(export, StandardCharsets.UTF_8);
        List<String> lines = new ArrayList<>(Arrays.asList(text.split("\n")));

        String truncated = String.join("\n", lines.subList(0, lines.size() - 1)) + "\n";
        assertThatThrownBy(() -> verify(truncated)).isInstanceOf(IOException.class).hasMessageStartingWith("truncated Neo4j export: no trailer");

        String cut = text.substring(0, text.length() / 2);
        assertThatThrownBy(() -> verify(cut)).isInstanceOf(IOException.class);

        List<String> corrupted = new ArrayList<>(lines);
        int mid = lines.size() / 2;
        corrupted.set(mid, corrupted.get(mid).replace("\"props\":{", "\"props\":{{"));
        assertThatThrownBy(() -> verify(String.join("\n", corrupted))).isInstanceOf(IOException.class)
                .hasMessageStartingWith("corrupt Neo4j export at line " + (mid + 1));

        List<String> badValue = new ArrayList<>(lines);
        int node = indexOf(lines, "\"kind\":\"node\"");
        badValue.set(node, badValue.get(node).replaceFirst("\"props\":\\{", "\"props\":{\"bad\":{\"t\":\"date\",\"v\":\"2024-13-45\"},"));
        assertThatThrownBy(() -> verify(String.join("\n", badValue))).isInstanceOf(IOException.class)
                .hasMessageStartingWith("invalid Neo4j export at line " + (node + 1) + ": property 'bad': bad date value");

        List<String> miscounted = new ArrayList<>(lines);
        miscounted.remove(node);
        assertThatThrownBy(() -> verify(String.join("\n", miscounted))).isInstanceOf(IOException.class)
                .hasMessageContaining("trailer counts " + facts.get("nodes") + " nodes");

        List<String> disordered = new ArrayList<>(lines);
        disordered.add(1, lines.get(node));
        disordered.remove(node + 1);
        disordered.add(1, lines.get(1)); // a schema record after a node
        assertThatThrownBy(() -> verify(String.join("\n", disordered.subList(1, disordered.size())))).isInstanceOf(IOException.class)
                .hasMessageContaining("first record must be the header");
        List<String> schemaLate = new ArrayList<>(lines);
        schemaLate.add(node + 1, lines.get(1));
        assertThatThrownBy(() -> verify(String.join("\n", schemaLate))).isInstanceOf(IOException.class)
                .hasMessageContaining("after the first node");

        assertThatThrownBy(() -> verify("")).isInstanceOf(IOException.class).hasMessageContaining("empty file");
        assertThatThrownBy(() -> verify(text + "{\"kind\":\"node\"}\n")).isInstanceOf(IOException.class).hasMessageContaining("after the trailer");
    }

    @Test
    void exporterNeverCollectsResults() throws IOException {
        // the exporter streams: Result.list()/stream() would hold whole result sets in memory
        String code = java.nio.file.Files.readAllLines(java.nio.file.Path.of("src/main/java/dev/backroute/neo4j/Neo4jExporter.java"))
                .stream().filter(l -> !l.trim().startsWith("*") && !l.trim().startsWith("//")).reduce("", (a, b) -> a + b + "\n");
        assertThat(code).contains("hasNext()").doesNotContain(".list(").doesNotContain(".stream()").doesNotContain("executeRead");
    }

    private static int indexOf(List<String> lines, String needle) {
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).contains(needle)) return i;
        }
        throw new AssertionError(needle);
    }

    private static String verify(String text) throws IOException {
        return Neo4jExportFormat.verify(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)));
    }

    private static Map<String, Object> restore(boolean overwrite) throws IOException {
        return new Neo4jRestorer(TestGraphs.source(null), TestGraphs.env("any"))
                .restore(new ByteArrayInputStream(export), target.boltURI().toString(), overwrite);
    }

    private static void assertSameAsSource() {
        assertThat(TestGraphs.graph(target)).containsExactlyElementsOf(sourceGraph);
        assertThat(TestGraphs.schema(target)).containsExactlyElementsOf(sourceSchema);
        assertThat(TestGraphs.count(target, "MATCH (n:" + Neo4jRestorer.HELPER_LABEL + ") RETURN count(n)")).isZero();
        assertThat(TestGraphs.count(target, "MATCH (n) WHERE n." + Neo4jRestorer.HELPER_PROPERTY + " IS NOT NULL RETURN count(n)")).isZero();
        assertThat(TestGraphs.count(target, "CALL db.labels() YIELD label WHERE label = '" + Neo4jRestorer.HELPER_LABEL + "' RETURN count(*)")).isZero();
    }
}
