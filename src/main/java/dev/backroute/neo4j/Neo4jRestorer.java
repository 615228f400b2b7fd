package dev.backroute.neo4j;

import dev.backroute.neo4j.Neo4jExportFormat.NodeRec;
import dev.backroute.neo4j.Neo4jExportFormat.Rec;
import dev.backroute.neo4j.Neo4jExportFormat.RelRec;
import dev.backroute.neo4j.Neo4jExportFormat.Schema;
import dev.backroute.neo4j.Neo4jExportFormat.Trailer;
import org.neo4j.driver.AccessMode;
import org.neo4j.driver.Session;
import org.neo4j.driver.Value;
import org.neo4j.driver.Values;
import org.neo4j.driver.exceptions.ClientException;
import org.neo4j.driver.exceptions.Neo4jException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Restores a {@link Neo4jExportFormat} export into a database over Bolt.
 *
 * <p>Order: constraints and indexes first (a constraint the target's edition does not support, such as a
 * node key on Community Edition, is skipped with a warning and listed under {@code "skipped"}), then nodes,
 * then relationships, each in batched {@code UNWIND} write transactions of {@value #BATCH} records.
 *
 * <p>Linking relationships to nodes without an in-memory id map: every node is created with the helper
 * label {@value #HELPER_LABEL} and the helper property {@value #HELPER_PROPERTY} holding its id from the
 * file, backed by the uniqueness constraint {@value #HELPER_CONSTRAINT} on that label and property; each
 * relationship finds its endpoints through that index. At the end the helper label and property are removed
 * (in batches) and the helper constraint dropped. A restore that fails part way leaves them in place;
 * restoring again with overwrite removes everything, helpers included ({@link GraphWipe}). A drill restores through
 * {@link #into} with its own connection to the scratch database it claimed, whose overwrite keeps the drill's marker.
 */
public final class Neo4jRestorer {
    private static final Logger LOG = LoggerFactory.getLogger(Neo4jRestorer.class);

    static final int BATCH = 2000;
    static final String HELPER_LABEL = "__BackrouteImport";
    static final String HELPER_PROPERTY = "__backroute_id";
    static final String HELPER_CONSTRAINT = "__backroute_import_id";

    private final Neo4jSource defaults;
    private final Map<String, String> env;

    public Neo4jRestorer(Neo4jSource defaults, Map<String, String> env) {
        this.defaults = defaults;
        this.env = env;
    }

    /**
     * @param targetUri {@code bolt://[user@]host:port[/database]} or {@code neo4j://…}; without a database
     *                  the configured one (or the server's default); without user info the configured user.
     *                  The password always comes from the configuration.
     * @param overwrite delete every node, relationship, constraint and index (except the built-in lookup
     *                  indexes) first; without it a database holding nodes is refused
     * @return database, uri, nodes, relationships, constraints, indexes (created), skipped, overwritten
     * @throws Neo4jTargetNotEmptyException the database holds nodes and overwrite is false (nothing changed)
     */
    public Map<String, Object> restore(InputStream jsonl, String targetUri, boolean overwrite) throws IOException {
        Neo4jConnection.Address address;
        try {
            address = Neo4jConnection.Address.parse(targetUri == null ? defaults.uri() : targetUri,
                    defaults.user(), defaults.database());
        } catch (IllegalArgumentException e) {
            throw new IOException(e.getMessage(), e);
        }
        String password = defaults.password() != null && defaults.password().isConfigured() ? defaults.password().resolve(env) : null;
        try (Neo4jConnection conn = Neo4jConnection.open(address, password)) {
            return into(conn, jsonl, overwrite, false);
        }
    }

    /**
     * As {@link #restore}, into the database {@code conn} is open on.
     *
     * @param keepMarkers the overwrite keeps marker nodes ({@link GraphWipe#allButMarkers}): only for a drill's scratch
     *                    database, once the drill has made sure it is the one it claimed
     */
    static Map<String, Object> into(Neo4jConnection conn, InputStream jsonl, boolean overwrite, boolean keepMarkers) throws IOException {
        try {
            return new Run(conn, keepMarkers).restore(jsonl, overwrite);
        } catch (ClientException e) {
            throw conn.translate(e);
        } catch (RuntimeException e) {
            if (e instanceof Neo4jTargetNotEmptyException) throw e;
            if (e.getClass().getName().startsWith("org.neo4j.driver.")) throw conn.translate(e);
            throw e;
        }
    }

    private static final class DamagedExport extends RuntimeException {
        DamagedExport(String message) {
            super(message, null, false, false);
        }
    }

    private static final class Run {
        private final Neo4jConnection conn;
        private final boolean keepMarkers;
        private final String where;
        private final List<String> skipped = new ArrayList<>();
        private long nodes, rels;
        private int constraints, indexes;

        Run(Neo4jConnection conn, boolean keepMarkers) {
            this.conn = conn;
            this.keepMarkers = keepMarkers;
            this.where = "Neo4j database '" + conn.database + "' at " + conn.address.display();
        }

        Map<String, Object> restore(InputStream jsonl, boolean overwrite) throws IOException {
            long existing = conn.count("MATCH (n) RETURN count(n) AS c");
            if (existing > 0 && !overwrite) {
                throw new Neo4jTargetNotEmptyException(conn.database, conn.address.display(), existing);
            }
            try (Neo4jExportFormat.Reader reader = new Neo4jExportFormat.Reader(jsonl)) {
                reader.next(); // the header; the reader fails on anything else
                if (overwrite) {
                    wipe();
                }
                List<NodeRec> nodeBatch = new ArrayList<>(BATCH);
                List<RelRec> relBatch = new ArrayList<>(BATCH);
                boolean schemaDone = false;
                Rec rec;
                while ((rec = reader.next()) != null) {
                    if (rec instanceof Schema s) {
                        createSchema(s.item());
                        continue;
                    }
                    if (!schemaDone) {
                        finishSchema();
                        schemaDone = true;
                    }
                    if (rec instanceof NodeRec n) {
                        nodeBatch.add(n);
                        if (nodeBatch.size() >= BATCH) writeNodes(nodeBatch);
                    } else if (rec instanceof RelRec r) {
                        if (!nodeBatch.isEmpty()) writeNodes(nodeBatch);
                        relBatch.add(r);
                        if (relBatch.size() >= BATCH) writeRels(relBatch);
                    } else if (rec instanceof Trailer) {
                        if (!nodeBatch.isEmpty()) writeNodes(nodeBatch);
                        if (!relBatch.isEmpty()) writeRels(relBatch);
                    }
                }
                removeHelpers();
            }
            LOG.info("Restored {}: {} nodes, {} relationships, {} constraints, {} indexes{}", where, nodes, rels, constraints, indexes,
                    skipped.isEmpty() ? "" : "; skipped " + skipped);
            Map<String, Object> result = new LinkedHashMap<>();
            result.put("database", conn.database);
            result.put("uri", conn.address.display());
            result.put("nodes", nodes);
            result.put("relationships", rels);
            result.put("constraints", constraints);
            result.put("indexes", indexes);
            result.put("skipped", List.copyOf(skipped));
            result.put("overwritten", overwrite && existing > 0);
            return result;
        }

        /** Deletes every relationship and node (a drill's restore keeps its marker) in batches, then drops constraints and (non-lookup) indexes. */
        private void wipe() {
            GraphWipe.Wiped wiped = keepMarkers ? GraphWipe.allButMarkers(conn) : GraphWipe.wipe(conn);
            LOG.warn("Overwrite: deleted {} nodes and {} relationships from {}, dropped {}", wiped.nodes(), wiped.relationships(), where,
                    wiped.dropped().isEmpty() ? "no constraints or indexes" : String.join(", ", wiped.dropped()));
        }

        private void createSchema(SchemaItem item) throws IOException {
            String statement = item.createStatement();
            try {
                conn.run(statement);
                if (item.isConstraint()) constraints++; else indexes++;
            } catch (Neo4jException e) {
                String msg = Neo4jConnection.oneLine(e.getMessage());
                if (msg.toLowerCase(Locale.ROOT).contains("enterprise")) {
                    LOG.warn("Skipped {} '{}' ({}) on {}: {}", item.kind(), item.name(), item.type(), where, msg);
                    skipped.add(item.kind() + " " + item.name() + " (" + item.type() + "): " + msg);
                } else {
                    throw new IOException("cannot recreate " + item.kind() + " '" + item.name() + "' in " + where + ": " + msg, e);
                }
            }
        }

        private void finishSchema() {
            conn.run("CREATE CONSTRAINT " + Cypher.quote(HELPER_CONSTRAINT) + " IF NOT EXISTS FOR (n:" + Cypher.quote(HELPER_LABEL)
                    + ") REQUIRE n." + Cypher.quote(HELPER_PROPERTY) + " IS UNIQUE");
            conn.run("CALL db.awaitIndexes(3600)");
        }

        private void writeNodes(List<NodeRec> batch) {
            Map<List<String>, List<Value>> byLabels = new LinkedHashMap<>();
            for (NodeRec n : batch) {
                byLabels.computeIfAbsent(n.labels(), k -> new ArrayList<>())
                        .add(Values.value(Map.of("id", Values.value(n.id()), "props", Values.value(n.props()))));
            }
            try (Session s = conn.session(AccessMode.WRITE)) {
                s.executeWrite(tx -> {
                    for (Map.Entry<List<String>, List<Value>> e : byLabels.entrySet()) {
                        StringBuilder labels = new StringBuilder();
                        for (String l : e.getKey()) labels.append(':').append(Cypher.quote(l));
                        labels.append(':').append(Cypher.quote(HELPER_LABEL));
                        tx.run("UNWIND $rows AS row CREATE (n" + labels + " {" + Cypher.quote(HELPER_PROPERTY) + ": row.id}) SET n += row.props",
                                Map.of("rows", e.getValue())).consume();
                    }
                    return null;
                });
            }
            nodes += batch.size();
            batch.clear();
        }

        private void writeRels(List<RelRec> batch) throws IOException {
            Map<String, List<Value>> byType = new LinkedHashMap<>();
            for (RelRec r : batch) {
                byType.computeIfAbsent(r.type(), k -> new ArrayList<>())
                        .add(Values.value(Map.of("s", Values.value(r.start()), "e", Values.value(r.end()), "props", Values.value(r.props()))));
            }
            String match = "(a:" + Cypher.quote(HELPER_LABEL) + " {" + Cypher.quote(HELPER_PROPERTY) + ": row.s}) MATCH (b:"
                    + Cypher.quote(HELPER_LABEL) + " {" + Cypher.quote(HELPER_PROPERTY) + ": row.e})";
            try (Session s = conn.session(AccessMode.WRITE)) {
                s.executeWrite(tx -> {
                    long c = 0;
                    for (Map.Entry<String, List<Value>> e : byType.entrySet()) {
                        c += tx.run("UNWIND $rows AS row MATCH " + match + " CREATE (a)-[r:" + Cypher.quote(e.getKey())
                                + "]->(b) SET r += row.props RETURN count(r) AS c", Map.of("rows", e.getValue())).single().get("c").asLong();
                    }
                    if (c != batch.size()) { // throwing rolls the transaction back
                        throw new DamagedExport((batch.size() - c) + " relationships of the export name nodes it does not hold; the export is damaged");
                    }
                    return c;
                });
            } catch (DamagedExport e) {
                throw new IOException(e.getMessage());
            }
            rels += batch.size();
            batch.clear();
        }

        private void removeHelpers() {
            conn.repeat("MATCH (n:" + Cypher.quote(HELPER_LABEL) + ") WITH n LIMIT " + BATCH * 5 + " REMOVE n:" + Cypher.quote(HELPER_LABEL)
                    + " REMOVE n." + Cypher.quote(HELPER_PROPERTY) + " RETURN count(*) AS c");
            conn.run("DROP CONSTRAINT " + Cypher.quote(HELPER_CONSTRAINT) + " IF EXISTS");
            conn.run("CALL db.awaitIndexes(3600)");
        }
    }
}
