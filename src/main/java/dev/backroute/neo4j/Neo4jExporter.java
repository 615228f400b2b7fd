package dev.backroute.neo4j;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import org.neo4j.driver.AccessMode;
import org.neo4j.driver.Record;
import org.neo4j.driver.Result;
import org.neo4j.driver.Session;
import org.neo4j.driver.SimpleQueryRunner;
import org.neo4j.driver.Transaction;
import org.neo4j.driver.Value;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.OutputStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Online logical export over Bolt; works on Community Edition.
 *
 * <p>Everything is read in one read transaction, so the export is a consistent snapshot. Results are
 * pulled from the server in driver-sized batches as they are iterated (never collected with
 * {@code Result.list()}), and each record is written as one JSON line at once: memory stays bounded
 * whatever the size of the graph. Nodes are identified in the file by their element id, which is stable
 * within the transaction; relationships name their endpoints by those ids, so no id map is kept here
 * (see {@link Neo4jRestorer} for how the restore links them). The format is {@link Neo4jExportFormat}.
 */
public final class Neo4jExporter {
    private static final Logger LOG = LoggerFactory.getLogger(Neo4jExporter.class);

    static final String NODES_QUERY = "MATCH (n) RETURN elementId(n) AS id, labels(n) AS labels, properties(n) AS props";
    static final String RELS_QUERY = "MATCH ()-[r]->() RETURN elementId(r) AS id, type(r) AS type, "
            + "elementId(startNode(r)) AS start, elementId(endNode(r)) AS end, properties(r) AS props";

    private final Neo4jSource source;
    private final Map<String, String> env;

    public Neo4jExporter(Neo4jSource source, Map<String, String> env) {
        this.source = source;
        this.env = env;
    }

    /**
     * Streams the whole graph as JSON Lines into {@code out} (flushed, not closed).
     *
     * @return facts for the manifest's "source" block: kind, server_version, edition, database, database_id (its store
     * id, which a drill refuses to find in its scratch database), uri (without credentials), nodes, relationships, labels, relationship_types (sorted), label_counts (nodes per label),
     * relationship_type_counts (relationships per type), constraints, indexes, format
     */
    public Map<String, Object> export(OutputStream out) throws IOException {
        Neo4jConnection.Address address;
        try {
            address = Neo4jConnection.Address.parse(source.uri(), source.user(), source.database());
        } catch (IllegalArgumentException e) {
            throw new IOException(e.getMessage(), e);
        }
        String password = source.password() != null && source.password().isConfigured() ? source.password().resolve(env) : null;
        try (Neo4jConnection conn = Neo4jConnection.open(address, password)) {
            try {
                return export(conn, out);
            } catch (RuntimeException e) {
                throw conn.translate(e);
            }
        }
    }

    private Map<String, Object> export(Neo4jConnection conn, OutputStream out) throws IOException {
        long started = System.nanoTime();
        String version = null, edition = null;
        try (Session s = conn.session(AccessMode.READ)) {
            Result r = s.run("CALL dbms.components() YIELD name, versions, edition RETURN name, versions, edition");
            while (r.hasNext()) {
                Record c = r.next();
                if (c.get("name").asString().equals("Neo4j Kernel")) {
                    version = c.get("versions").get(0).asString();
                    edition = c.get("edition").asString();
                }
            }
        }
        // Counted as the records stream past: what a drill compares the restored copy with, at no extra query.
        TreeMap<String, Long> labels = new TreeMap<>(), types = new TreeMap<>();
        long nodes = 0, rels = 0;
        int constraints = 0, indexes = 0;
        JsonGenerator g = Neo4jExportFormat.MAPPER.getFactory().createGenerator(out, JsonEncoding.UTF8);
        g.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
        g.setRootValueSeparator(null);
        try (Session s = conn.session(AccessMode.READ); Transaction tx = s.beginTransaction()) {
            g.writeStartObject();
            g.writeStringField("kind", "header");
            g.writeStringField("format", Neo4jExportFormat.FORMAT);
            g.writeStringField("server_version", version);
            g.writeStringField("edition", edition);
            g.writeStringField("database", conn.database);
            g.writeStringField("exported_at", Instant.now().toString());
            g.writeEndObject();
            g.writeRaw('\n');

            for (SchemaItem item : schema(tx)) {
                item.write(g);
                g.writeRaw('\n');
                if (item.isConstraint()) constraints++; else indexes++;
            }

            Result r = tx.run(NODES_QUERY);
            while (r.hasNext()) {
                Record rec = r.next();
                g.writeStartObject();
                g.writeStringField("kind", "node");
                g.writeStringField("id", rec.get("id").asString());
                g.writeArrayFieldStart("labels");
                for (Value l : rec.get("labels").values()) {
                    String label = l.asString();
                    g.writeString(label);
                    labels.merge(label, 1L, Long::sum);
                }
                g.writeEndArray();
                g.writeFieldName("props");
                PropertyCodec.writeProperties(g, rec.get("props"));
                g.writeEndObject();
                g.writeRaw('\n');
                nodes++;
            }

            r = tx.run(RELS_QUERY);
            while (r.hasNext()) {
                Record rec = r.next();
                String type = rec.get("type").asString();
                types.merge(type, 1L, Long::sum);
                g.writeStartObject();
                g.writeStringField("kind", "relationship");
                g.writeStringField("id", rec.get("id").asString());
                g.writeStringField("type", type);
                g.writeStringField("start", rec.get("start").asString());
                g.writeStringField("end", rec.get("end").asString());
                g.writeFieldName("props");
                PropertyCodec.writeProperties(g, rec.get("props"));
                g.writeEndObject();
                g.writeRaw('\n');
                rels++;
            }

            g.writeStartObject();
            g.writeStringField("kind", "trailer");
            g.writeNumberField("nodes", nodes);
            g.writeNumberField("relationships", rels);
            g.writeNumberField("constraints", constraints);
            g.writeNumberField("indexes", indexes);
            g.writeEndObject();
            g.writeRaw('\n');
            g.flush();
            tx.rollback(); // read only: nothing to commit
        } finally {
            g.close(); // flushes; does not close out
        }
        LOG.info("Exported Neo4j database '{}' at {}: {} nodes, {} relationships, {} constraints, {} indexes in {} ms",
                conn.database, conn.address.display(), nodes, rels, constraints, indexes, (System.nanoTime() - started) / 1_000_000);

        Map<String, Object> facts = new LinkedHashMap<>();
        facts.put("kind", "neo4j");
        facts.put("server_version", version);
        facts.put("edition", edition);
        facts.put("database", conn.database);
        facts.put(SourceGuard.RECORDED_ID, conn.id);
        facts.put("uri", conn.address.display());
        facts.put("nodes", nodes);
        facts.put("relationships", rels);
        facts.put("labels", List.copyOf(labels.keySet()));
        facts.put("relationship_types", List.copyOf(types.keySet()));
        facts.put("label_counts", labels);
        facts.put("relationship_type_counts", types);
        facts.put("constraints", constraints);
        facts.put("indexes", indexes);
        facts.put("format", Neo4jExportFormat.FORMAT);
        return facts;
    }

    /** Constraints, then indexes other than the built-in lookup indexes and those owned by constraints. */
    static List<SchemaItem> schema(SimpleQueryRunner tx) {
        List<SchemaItem> items = new ArrayList<>();
        Result r = tx.run("SHOW CONSTRAINTS YIELD * RETURN * ORDER BY name");
        while (r.hasNext()) {
            Record c = r.next();
            String propertyType = c.containsKey("propertyType") && !c.get("propertyType").isNull() ? c.get("propertyType").asString() : null;
            items.add(new SchemaItem("constraint", c.get("name").asString(), c.get("type").asString(), c.get("entityType").asString(),
                    c.get("labelsOrTypes").asList(Value::asString), c.get("properties").asList(Value::asString), propertyType, null));
        }
        r = tx.run("SHOW INDEXES YIELD * RETURN * ORDER BY name");
        while (r.hasNext()) {
            Record i = r.next();
            String type = i.get("type").asString();
            if (type.equals("LOOKUP") || !i.get("owningConstraint").isNull()) {
                continue;
            }
            JsonNode config = null;
            if (i.containsKey("options") && !i.get("options").isNull() && !i.get("options").get("indexConfig").isNull()) {
                config = Neo4jExportFormat.MAPPER.valueToTree(i.get("options").get("indexConfig").asMap());
            }
            items.add(new SchemaItem("index", i.get("name").asString(), type, i.get("entityType").asString(),
                    i.get("labelsOrTypes").asList(Value::asString), i.get("properties").asList(Value::asString), null, config));
        }
        return items;
    }
}
