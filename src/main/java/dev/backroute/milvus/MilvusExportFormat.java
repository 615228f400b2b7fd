package dev.backroute.milvus;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.milvus.v2.common.DataType;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The Milvus backup format {@value #FORMAT}: JSON Lines, one record per line, each an object whose first key
 * {@code record} names its kind. In order:
 * <pre>
 * header
 * ( collection  index*  partition*  ( entities  entity* )*  collection_end )*
 * end
 * </pre>
 * See docs for an example of each record.
 */
public final class MilvusExportFormat {

    public static final String FORMAT = "backroute-milvus-jsonl/1";
    static final String HEADER = "header";
    static final String COLLECTION = "collection";
    static final String INDEX = "index";
    static final String PARTITION = "partition";
    static final String ENTITIES = "entities";
    static final String ENTITY = "entity";
    static final String COLLECTION_END = "collection_end";
    static final String END = "end";
    static final String DYNAMIC_FIELD = "$meta";

    static final Set<DataType> SUPPORTED_TYPES = Set.of(DataType.Bool, DataType.Int8, DataType.Int16, DataType.Int32,
            DataType.Int64, DataType.Float, DataType.Double, DataType.VarChar, DataType.JSON, DataType.FloatVector, DataType.Array,
            DataType.BinaryVector, DataType.Float16Vector, DataType.BFloat16Vector, DataType.Int8Vector, DataType.SparseFloatVector);
    /** Vector types whose values are raw bytes, written as base64 strings. */
    static final Set<DataType> BYTE_VECTOR_TYPES = Set.of(DataType.BinaryVector, DataType.Float16Vector, DataType.BFloat16Vector,
            DataType.Int8Vector);
    /** Element types of supported Array fields. */
    static final Set<DataType> SUPPORTED_ELEMENT_TYPES = Set.of(DataType.Bool, DataType.Int8, DataType.Int16, DataType.Int32,
            DataType.Int64, DataType.Float, DataType.Double, DataType.VarChar);

    private static final ObjectMapper JSON = new ObjectMapper();

    private MilvusExportFormat() {}

    /**
     * Checks the structure of an export while streaming it: every line valid JSON of a known record kind in the
     * right order, every entity holding the collection's fields (float vectors of the right dimension), entity
     * counts matching the trailers, and the final trailer present.
     *
     * @return a one-line summary
     * @throws IOException naming the line and what is wrong
     */
    public static String verify(InputStream jsonl) throws IOException {
        BufferedReader in = new BufferedReader(new InputStreamReader(jsonl, StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT)), 1 << 16);
        String state = "start";
        long lineNo = 0;
        String collection = null;
        Map<String, Integer> fields = new LinkedHashMap<>(); // name -> dim (0 for non-vectors)
        Map<String, Integer> byteVectors = new HashMap<>(); // name -> bytes per vector
        boolean dynamic = false;
        long inCollection = 0;
        long total = 0;
        int collections = 0;
        List<String> announced = List.of();
        String serverVersion = null;
        String line;
        while ((line = in.readLine()) != null) {
            lineNo++;
            if ("end-seen".equals(state)) {
                throw bad(lineNo, "data after the end record");
            }
            JsonNode r;
            try {
                r = JSON.readTree(line);
            } catch (JsonProcessingException e) {
                if (in.readLine() == null) {
                    throw new IOException("Milvus export is truncated: its last line (" + lineNo + ") is cut off");
                }
                throw bad(lineNo, "not valid JSON (" + e.getOriginalMessage() + ")");
            }
            if (r == null || !r.isObject() || !r.path("record").isTextual()) {
                throw bad(lineNo, "not a record object");
            }
            String kind = r.get("record").asText();
            switch (kind) {
                case HEADER -> {
                    expect(lineNo, kind, state, "start");
                    if (!FORMAT.equals(r.path("format").asText())) {
                        throw bad(lineNo, "unknown format " + r.path("format") + ", expected " + FORMAT);
                    }
                    announced = JSON.convertValue(r.path("collections"), JSON.getTypeFactory().constructCollectionType(List.class, String.class));
                    serverVersion = r.path("server_version").isTextual() ? r.get("server_version").asText() : null;
                    state = "between";
                }
                case COLLECTION -> {
                    expect(lineNo, kind, state, "between");
                    collection = text(r, "name", lineNo);
                    dynamic = r.path("enable_dynamic_field").asBoolean(false);
                    fields = new HashMap<>();
                    byteVectors = new HashMap<>();
                    JsonNode fs = r.path("fields");
                    if (!fs.isArray() || fs.isEmpty()) {
                        throw bad(lineNo, "collection " + collection + " has no fields");
                    }
                    int pks = 0;
                    for (JsonNode f : fs) {
                        String type = text(f, "data_type", lineNo);
                        DataType dt;
                        try {
                            dt = DataType.valueOf(type);
                        } catch (IllegalArgumentException e) {
                            throw bad(lineNo, "field " + f.path("name").asText() + " has unknown data type " + type);
                        }
                        fields.put(text(f, "name", lineNo), dt == DataType.FloatVector ? f.path("dim").asInt(0) : 0);
                        if (BYTE_VECTOR_TYPES.contains(dt)) {
                            byteVectors.put(f.get("name").asText(), bytesPerVector(dt, f.path("dim").asInt(0)));
                        }
                        pks += f.path("primary_key").asBoolean(false) ? 1 : 0;
                    }
                    if (pks != 1) {
                        throw bad(lineNo, "collection " + collection + " must have exactly one primary key field, has " + pks);
                    }
                    inCollection = 0;
                    state = "schema";
                }
                case INDEX -> {
                    expect(lineNo, kind, state, "schema");
                    sameCollection(r, collection, lineNo);
                    if (!fields.containsKey(text(r, "field", lineNo))) {
                        throw bad(lineNo, "index on unknown field " + r.get("field").asText());
                    }
                }
                case PARTITION -> {
                    expect(lineNo, kind, state, "schema", "partitions");
                    sameCollection(r, collection, lineNo);
                    text(r, "name", lineNo);
                    state = "partitions";
                }
                case ENTITIES -> {
                    expect(lineNo, kind, state, "schema", "partitions", "entities");
                    sameCollection(r, collection, lineNo);
                    state = "entities";
                }
                case ENTITY -> {
                    expect(lineNo, kind, state, "entities");
                    JsonNode data = r.path("data");
                    if (!data.isObject()) {
                        throw bad(lineNo, "entity without data");
                    }
                    for (Map.Entry<String, Integer> f : fields.entrySet()) {
                        JsonNode v = data.get(f.getKey());
                        if (v == null) {
                            throw bad(lineNo, "entity of " + collection + " lacks field " + f.getKey());
                        }
                        if (f.getValue() > 0 && (!v.isArray() || v.size() != f.getValue())) {
                            throw bad(lineNo, "vector field " + f.getKey() + " of " + collection + " is not an array of " + f.getValue() + " numbers");
                        }
                    }
                    for (Map.Entry<String, Integer> f : byteVectors.entrySet()) {
                        JsonNode v = data.get(f.getKey());
                        if (!v.isNull() && (!v.isTextual() || decodedLength(v.asText()) != f.getValue())) {
                            throw bad(lineNo, "vector field " + f.getKey() + " of " + collection + " is not base64 of " + f.getValue() + " bytes");
                        }
                    }
                    if (data.size() != fields.size()) {
                        throw bad(lineNo, "entity of " + collection + " has fields the schema does not list");
                    }
                    if (dynamic && !r.path(DYNAMIC_FIELD).isObject()) {
                        throw bad(lineNo, "entity of " + collection + " lacks its dynamic field object");
                    }
                    inCollection++;
                }
                case COLLECTION_END -> {
                    expect(lineNo, kind, state, "schema", "partitions", "entities");
                    if (!text(r, "name", lineNo).equals(collection)) {
                        throw bad(lineNo, "trailer names " + r.get("name").asText() + " inside collection " + collection);
                    }
                    long said = r.path("entities").asLong(-1);
                    if (said != inCollection) {
                        throw bad(lineNo, "collection " + collection + " trailer says " + said + " entities, found " + inCollection);
                    }
                    total += inCollection;
                    collections++;
                    state = "between";
                }
                case END -> {
                    expect(lineNo, kind, state, "between");
                    if (r.path("collections").asLong(-1) != collections || r.path("entities").asLong(-1) != total) {
                        throw bad(lineNo, "end record says " + r.path("collections") + " collections and " + r.path("entities")
                                + " entities, found " + collections + " and " + total);
                    }
                    if (announced.size() != collections) {
                        throw bad(lineNo, "header announced " + announced.size() + " collections, found " + collections);
                    }
                    state = "end-seen";
                }
                default -> throw bad(lineNo, "unknown record kind " + kind);
            }
        }
        if (!"end-seen".equals(state)) {
            throw new IOException("Milvus export is truncated: " + (lineNo == 0 ? "it is empty" : "no end record after line " + lineNo
                    + (collection != null && !"between".equals(state) ? ", collection " + collection + " unfinished" : "")));
        }
        return FORMAT + ": " + collections + " collection" + (collections == 1 ? "" : "s") + ", " + total + " entities"
                + (serverVersion == null ? "" : ", from Milvus " + serverVersion);
    }

    static int bytesPerVector(DataType type, int dim) {
        return switch (type) {
            case BinaryVector -> dim / 8;
            case Float16Vector, BFloat16Vector -> dim * 2;
            default -> dim;
        };
    }

    private static int decodedLength(String base64) {
        try {
            return java.util.Base64.getDecoder().decode(base64).length;
        } catch (IllegalArgumentException e) {
            return -1;
        }
    }

    private static void expect(long lineNo, String kind, String state, String... allowed) throws IOException {
        for (String a : allowed) {
            if (a.equals(state)) {
                return;
            }
        }
        throw bad(lineNo, "unexpected " + kind + " record" + ("start".equals(state) ? " before the header" : ""));
    }

    private static void sameCollection(JsonNode r, String collection, long lineNo) throws IOException {
        if (!text(r, "collection", lineNo).equals(collection)) {
            throw bad(lineNo, "record of collection " + r.get("collection").asText() + " inside collection " + collection);
        }
    }

    private static String text(JsonNode r, String field, long lineNo) throws IOException {
        JsonNode v = r.get(field);
        if (v == null || !v.isTextual()) {
            throw bad(lineNo, r.path("record").asText("record") + " without " + field);
        }
        return v.asText();
    }

    private static IOException bad(long lineNo, String what) {
        return new IOException("Milvus export line " + lineNo + ": " + what);
    }

}
