package dev.backroute.neo4j;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.neo4j.graphdb.GraphDatabaseService;
import org.neo4j.graphdb.Label;
import org.neo4j.graphdb.Node;
import org.neo4j.graphdb.RelationshipType;
import org.neo4j.graphdb.Transaction;
import org.neo4j.harness.Neo4j;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * 200k nodes and 200k relationships: the export streams them (see Neo4jRoundTripTest#exporterNeverCollectsResults
 * for the code check) and verify reads the file back in bounded memory. No speed is asserted (timed
 * tests flake on a shared machine), only a generous timeout that catches a runaway export.
 */
class Neo4jLargeExportTest {
    private static final Label ITEM = Label.label("Item"), MIRROR = Label.label("Mirror");
    private static final RelationshipType NEXT = RelationshipType.withName("NEXT"), BACK = RelationshipType.withName("BACK");
    private static Neo4j neo4j;

    @BeforeAll
    static void start() {
        long t0 = System.nanoTime();
        neo4j = TestGraphs.start();
        long t1 = System.nanoTime();
        // the embedded API is much faster than Cypher for bulk setup
        GraphDatabaseService db = neo4j.defaultDatabaseService();
        for (int from = 1; from <= 100_000; from += 25_000) {
            try (Transaction tx = db.beginTx()) {
                for (int i = from; i < from + 25_000; i++) {
                    Node a = tx.createNode(ITEM);
                    a.setProperty("i", (long) i);
                    a.setProperty("name", "item " + i);
                    Node b = tx.createNode(ITEM, MIRROR);
                    b.setProperty("i", (long) -i);
                    b.setProperty("w", i * 0.5);
                    a.createRelationshipTo(b, NEXT).setProperty("w", (long) i);
                    b.createRelationshipTo(a, BACK);
                }
                tx.commit();
            }
        }
        System.out.printf("Neo4j large export setup: harness %d ms, 200k nodes %d ms%n", (t1 - t0) / 1_000_000,
                (System.nanoTime() - t1) / 1_000_000);
    }

    @AfterAll
    static void stop() {
        long t0 = System.nanoTime();
        if (neo4j != null) neo4j.close();
        System.out.printf("Neo4j large export: harness closed in %d ms%n", (System.nanoTime() - t0) / 1_000_000);
    }

    /** A whole graph comes out, paged; an export that degrades per page (quadratic paging) would hit the timeout. */
    @Test
    @Timeout(value = 5, unit = TimeUnit.MINUTES)
    void exports200kNodesAndRelationshipsInFull(@org.junit.jupiter.api.io.TempDir Path dir) throws IOException {
        Path file = dir.resolve("graph.jsonl");
        long t0 = System.nanoTime();
        Map<String, Object> facts;
        try (OutputStream out = Files.newOutputStream(file)) {
            facts = new Neo4jExporter(TestGraphs.source(neo4j.boltURI().toString()), TestGraphs.env("x")).export(out);
        }
        long exportMs = (System.nanoTime() - t0) / 1_000_000;
        assertThat(facts).containsEntry("nodes", 200_000L).containsEntry("relationships", 200_000L);

        long t1 = System.nanoTime();
        try (InputStream in = Files.newInputStream(file)) {
            assertThat(Neo4jExportFormat.verify(in)).isEqualTo("200000 nodes, 200000 relationships, 0 constraints, 0 indexes");
        }
        System.out.printf("Neo4j large export: %d ms for %d bytes; verify %d ms%n", exportMs, Files.size(file),
                (System.nanoTime() - t1) / 1_000_000);
    }
}
