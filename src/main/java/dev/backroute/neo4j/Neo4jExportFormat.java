package dev.backroute.neo4j;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.neo4j.driver.Value;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The Neo4j logical export format, {@value #FORMAT}: JSON Lines, one record per line, each an object with
 * a {@code "kind"}, in this order:
 * <ol>
 *   <li>one {@code header}: format, server_version, edition, database, exported_at;</li>
 *   <li>any number of {@code constraint} and {@code index} records (see {@link SchemaItem});</li>
 *   <li>{@code node} records: {@code {"kind":"node","id":ELEMENT_ID,"labels":[…],"props":{…}}};</li>
 *   <li>{@code relationship} records: {@code {"kind":"relationship","id":…,"type":…,"start":NODE_ID,
 *       "end":NODE_ID,"props":{…}}}, start and end naming node records by their {@code id};</li>
 *   <li>one {@code trailer} with the counts: nodes, relationships, constraints, indexes.</li>
 * </ol>
 * Ids are the source's element ids, meaningful only inside the file. Property values use the typed encoding
 * of {@link PropertyCodec}. A file without its trailer is incomplete.
 */
public final class Neo4jExportFormat {

    public static final String FORMAT = "backroute-neo4j-jsonl/1";

    static final ObjectMapper MAPPER = new ObjectMapper()
            .disable(JsonParser.Feature.AUTO_CLOSE_SOURCE);

    private Neo4jExportFormat() {}

    /**
     * Structure check: reads every record (streaming, bounded memory), checks kinds, order, required
     * fields, property encodings and the trailer's counts.
     *
     * @return a one-line summary such as {@code "12 nodes, 30 relationships, 1 constraints, 3 indexes"}
     * @throws IOException naming the line of the first problem
     */
    public static String verify(InputStream jsonl) throws IOException {
        try (Reader reader = new Reader(jsonl)) {
            while (reader.next() != null) {
                // reading checks everything
            }
            return reader.nodes + " nodes, " + reader.relationships + " relationships, "
                    + reader.constraints + " constraints, " + reader.indexes + " indexes";
        }
    }

    sealed interface Rec permits Header, Schema, NodeRec, RelRec, Trailer {}

    record Header(String serverVersion, String edition, String database) implements Rec {}

    record Schema(SchemaItem item) implements Rec {}

    record NodeRec(String id, List<String> labels, Map<String, Value> props) implements Rec {}

    record RelRec(String id, String type, String start, String end, Map<String, Value> props) implements Rec {}

    record Trailer(long nodes, long relationships) implements Rec {}

    /** Reads and checks records one at a time; {@link #next()} returns null after a valid trailer. */
    static final class Reader implements Closeable {
        private static final int HEADER = 0, SCHEMA = 1, NODES = 2, RELS = 3, DONE = 4;

        private final MappingIterator<JsonNode> it;
        private int stage = HEADER;
        long nodes, relationships, constraints, indexes;

        Reader(InputStream in) throws IOException {
            try {
                this.it = MAPPER.readerFor(JsonNode.class).readValues(in);
            } catch (JsonProcessingException e) {
                throw new IOException("not a Neo4j export (" + FORMAT + "): " + brief(e), e);
            }
        }

        Rec next() throws IOException {
            JsonNode rec;
            int line;
            try {
                if (!it.hasNextValue()) {
                    if (stage != DONE) {
                        throw new IOException(stage == HEADER ? "empty file: not a Neo4j export"
                                : "truncated Neo4j export: no trailer after " + nodes + " nodes and " + relationships + " relationships");
                    }
                    return null;
                }
                rec = it.nextValue();
                line = lineOf(it.getCurrentLocation());
            } catch (JsonProcessingException e) {
                throw new IOException("corrupt Neo4j export at line " + lineOf(e.getLocation()) + ": " + brief(e), e);
            } catch (RuntimeException e) {
                Throwable c = e.getCause() instanceof JsonProcessingException j ? j : e;
                throw new IOException("corrupt Neo4j export: " + c.getMessage(), e);
            }
            try {
                return check(rec);
            } catch (IOException e) {
                throw new IOException("invalid Neo4j export at line " + line + ": " + e.getMessage(), e);
            }
        }

        private Rec check(JsonNode rec) throws IOException {
            if (!rec.isObject()) {
                throw new IOException("record is not a JSON object");
            }
            String kind = rec.path("kind").asText("");
            if (stage == DONE) {
                throw new IOException("data after the trailer");
            }
            if (stage == HEADER && !kind.equals("header")) {
                throw new IOException("first record must be the header, found '" + kind + "'");
            }
            switch (kind) {
                case "header" -> {
                    if (stage != HEADER) throw new IOException("second header");
                    String format = rec.path("format").asText("");
                    if (!format.equals(FORMAT)) {
                        throw new IOException("unsupported format '" + format + "', expected " + FORMAT);
                    }
                    stage = SCHEMA;
                    return new Header(rec.path("server_version").asText(null), rec.path("edition").asText(null),
                            rec.path("database").asText(null));
                }
                case "constraint", "index" -> {
                    if (stage != SCHEMA) throw new IOException(kind + " after the first node");
                    SchemaItem item = SchemaItem.fromJson(rec);
                    if (kind.equals("constraint")) constraints++; else indexes++;
                    return new Schema(item);
                }
                case "node" -> {
                    if (stage > NODES) throw new IOException("node after the first relationship");
                    stage = NODES;
                    nodes++;
                    return new NodeRec(text(rec, "id"), strings(rec, "labels"), PropertyCodec.readProperties(rec.get("props")));
                }
                case "relationship" -> {
                    stage = RELS;
                    relationships++;
                    return new RelRec(text(rec, "id"), text(rec, "type"), text(rec, "start"), text(rec, "end"),
                            PropertyCodec.readProperties(rec.get("props")));
                }
                case "trailer" -> {
                    stage = DONE;
                    long n = count(rec, "nodes"), r = count(rec, "relationships");
                    long c = rec.path("constraints").asLong(constraints), i = rec.path("indexes").asLong(indexes);
                    if (n != nodes || r != relationships || c != constraints || i != indexes) {
                        throw new IOException("trailer counts " + n + " nodes, " + r + " relationships, " + c + " constraints, "
                                + i + " indexes but the file holds " + nodes + ", " + relationships + ", " + constraints + ", " + indexes);
                    }
                    return new Trailer(n, r);
                }
                default -> throw new IOException("unknown record kind '" + kind + "'");
            }
        }

        @Override
        public void close() throws IOException {
            it.close();
        }

        private static int lineOf(JsonLocation loc) {
            return loc == null ? -1 : loc.getLineNr();
        }

        private static String brief(JsonProcessingException e) {
            return e.getOriginalMessage().replace('\n', ' ');
        }
    }

    static String text(JsonNode rec, String field) throws IOException {
        JsonNode v = rec.get(field);
        if (v == null || !v.isTextual()) {
            throw new IOException("missing text field \"" + field + "\"");
        }
        return v.textValue();
    }

    static List<String> strings(JsonNode rec, String field) throws IOException {
        JsonNode v = rec.get(field);
        if (v == null || !v.isArray()) {
            throw new IOException("missing array field \"" + field + "\"");
        }
        List<String> out = new ArrayList<>(v.size());
        for (JsonNode e : v) {
            if (!e.isTextual()) throw new IOException("\"" + field + "\" must hold strings");
            out.add(e.textValue());
        }
        return out;
    }

    private static long count(JsonNode rec, String field) throws IOException {
        JsonNode v = rec.get(field);
        if (v == null || !v.isIntegralNumber()) {
            throw new IOException("trailer lacks the count \"" + field + "\"");
        }
        return v.longValue();
    }
}
