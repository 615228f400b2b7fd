package dev.backroute.neo4j;

import dev.backroute.config.QueryAssertion;
import dev.backroute.drill.DrillCheck;
import org.neo4j.driver.AccessMode;
import org.neo4j.driver.Result;
import org.neo4j.driver.Session;
import org.neo4j.driver.Value;
import org.neo4j.driver.types.TypeSystem;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * The checks of a neo4j drill on the restored scratch database: its counts against what the backup recorded when it
 * was made ({@link Neo4jExporter}'s facts: nodes, relationships, nodes per label, relationships per type, constraints,
 * indexes), then the operator's Cypher assertions, each in a read transaction. The drill's marker node is left out of
 * every count.
 *
 * <p>A recorded fact that is missing or not a count is a failed check naming it. Backups made before the per-label and
 * per-type counts were recorded lack them: that is one passed check saying so, and the totals are still compared.
 */
final class Neo4jDrillChecks {
    private static final String NOT_RECORDED = "not recorded by this backup";

    private final Neo4jConnection conn;
    private final Map<String, Object> recorded;

    Neo4jDrillChecks(Neo4jConnection conn, Map<String, Object> recorded) {
        this.conn = conn;
        this.recorded = recorded == null ? Map.of() : recorded;
    }

    List<DrillCheck> run(List<QueryAssertion> assertions) {
        List<DrillCheck> checks = new ArrayList<>();
        long markers = conn.count("MATCH (m:" + Cypher.quote(ScratchDatabase.MARKER) + ") RETURN count(m) AS c");
        checks.add(total("nodes", conn.count("MATCH (n) RETURN count(n) AS c") - markers));
        checks.add(total("relationships", conn.count("MATCH ()-[r]->() RETURN count(r) AS c")));
        checks.addAll(perName("label_counts", "nodes per label", "nodes labelled ",
                restored("CALL db.labels() YIELD label RETURN label AS name", l -> "MATCH (n:" + Cypher.quote(l) + ") RETURN count(n) AS c")));
        checks.addAll(perName("relationship_type_counts", "relationships per type", "relationships of type ",
                restored("CALL db.relationshipTypes() YIELD relationshipType RETURN relationshipType AS name",
                        t -> "MATCH ()-[r:" + Cypher.quote(t) + "]->() RETURN count(r) AS c")));
        int constraints = 0;
        int indexes = 0;
        try (Session s = conn.session(AccessMode.READ)) {
            for (SchemaItem item : s.executeRead(Neo4jExporter::schema)) {
                if (item.isConstraint()) constraints++; else indexes++;
            }
        }
        checks.add(total("constraints", constraints));
        checks.add(total("indexes", indexes));
        for (QueryAssertion a : assertions) {
            checks.add(assertion(a));
        }
        return checks;
    }

    private DrillCheck total(String fact, long restored) {
        Object value = recorded.get(fact);
        Long count = count(value);
        if (count == null) {
            return DrillCheck.failed(fact, value == null ? "a count recorded by the backup" : "a count", value == null ? NOT_RECORDED
                    : "the backup recorded '" + value + "'");
        }
        return DrillCheck.same(fact, count, restored);
    }

    /** One check per name recorded or restored: a label the restore brought back that the backup did not record fails too. */
    private List<DrillCheck> perName(String fact, String what, String prefix, Map<String, Long> restored) {
        Object value = recorded.get(fact);
        if (value == null) {
            return List.of(DrillCheck.passed(what, NOT_RECORDED + "; the totals are compared"));
        }
        if (!(value instanceof Map<?, ?> counts)) {
            return List.of(DrillCheck.failed(what, "counts by name", "the backup recorded '" + value + "'"));
        }
        TreeSet<String> names = new TreeSet<>(restored.keySet());
        counts.keySet().forEach(name -> names.add(String.valueOf(name)));
        List<DrillCheck> checks = new ArrayList<>();
        for (String name : names) {
            Object recordedCount = counts.containsKey(name) ? counts.get(name) : 0L;
            Long count = count(recordedCount);
            checks.add(count == null ? DrillCheck.failed(prefix + name, "a count", "the backup recorded '" + recordedCount + "'")
                    : DrillCheck.same(prefix + name, count, restored.getOrDefault(name, 0L)));
        }
        return checks;
    }

    /** The restored count of every label (or type) the database has in use, but the marker's; each from the count store. */
    private Map<String, Long> restored(String namesQuery, Function<String, String> countQuery) {
        Map<String, Long> counts = new TreeMap<>();
        for (String name : conn.names(namesQuery)) {
            long c = name.equals(ScratchDatabase.MARKER) ? 0 : conn.count(countQuery.apply(name));
            if (c > 0) {
                counts.put(name, c);
            }
        }
        return counts;
    }

    /** The assertion's answer (first column of the first row, as text) against its expectation; an error fails it. */
    private DrillCheck assertion(QueryAssertion a) {
        String name = "assertion " + a.name();
        String actual;
        try (Session s = conn.session(AccessMode.READ)) {
            actual = s.executeRead(tx -> {
                Result r = tx.run(a.query());
                return r.hasNext() ? text(r.next().get(0)) : null;
            });
        } catch (RuntimeException e) {
            return DrillCheck.failed(name, a.expect().toString(), "an error: " + Neo4jConnection.oneLine(e.getMessage()));
        }
        if (actual == null) {
            return DrillCheck.failed(name, a.expect().toString(), "no rows");
        }
        return new DrillCheck(name, a.expect().problem(actual) == null, a.expect().toString(), actual);
    }

    private static String text(Value v) {
        return v.hasType(TypeSystem.getDefault().STRING()) ? v.asString() : String.valueOf(v.asObject());
    }

    /** A whole number as the manifest's JSON gives it back; null for anything else. */
    private static Long count(Object value) {
        if (value instanceof Integer || value instanceof Long || value instanceof Short) {
            return ((Number) value).longValue();
        }
        if (value instanceof BigInteger b && b.bitLength() < 64) {
            return b.longValue();
        }
        return null;
    }
}
