package dev.backroute.neo4j;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;

import java.io.IOException;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * A constraint or index as exported: {@code {"kind":"constraint"|"index","name":…,"type":…,"entity_type":
 * "NODE"|"RELATIONSHIP","labels_or_types":[…],"properties":[…]}}, plus {@code "property_type"} for property
 * type constraints and {@code "index_config"} (the {@code indexConfig} of {@code SHOW INDEXES}' options) for
 * point, fulltext and vector indexes. The index provider is not kept: the target picks its own.
 */
record SchemaItem(String kind, String name, String type, String entityType, List<String> labelsOrTypes,
                  List<String> properties, String propertyType, JsonNode indexConfig) {

    boolean isConstraint() {
        return kind.equals("constraint");
    }

    void write(JsonGenerator g) throws IOException {
        g.writeStartObject();
        g.writeStringField("kind", kind);
        g.writeStringField("name", name);
        g.writeStringField("type", type);
        g.writeStringField("entity_type", entityType);
        writeStrings(g, "labels_or_types", labelsOrTypes);
        writeStrings(g, "properties", properties);
        if (propertyType != null) {
            g.writeStringField("property_type", propertyType);
        }
        if (indexConfig != null && !indexConfig.isEmpty()) {
            g.writeFieldName("index_config");
            g.writeTree(indexConfig);
        }
        g.writeEndObject();
    }

    private static void writeStrings(JsonGenerator g, String field, List<String> values) throws IOException {
        g.writeArrayFieldStart(field);
        for (String v : values) {
            g.writeString(v);
        }
        g.writeEndArray();
    }

    static SchemaItem fromJson(JsonNode rec) throws IOException {
        String entity = Neo4jExportFormat.text(rec, "entity_type");
        if (!entity.equals("NODE") && !entity.equals("RELATIONSHIP")) {
            throw new IOException("entity_type must be NODE or RELATIONSHIP, got '" + entity + "'");
        }
        JsonNode config = rec.get("index_config");
        if (config != null && !config.isObject()) {
            throw new IOException("index_config must be an object");
        }
        SchemaItem item = new SchemaItem(Neo4jExportFormat.text(rec, "kind"), Neo4jExportFormat.text(rec, "name"),
                Neo4jExportFormat.text(rec, "type"), entity, Neo4jExportFormat.strings(rec, "labels_or_types"),
                Neo4jExportFormat.strings(rec, "properties"), rec.path("property_type").asText(null), config);
        if (item.labelsOrTypes.isEmpty() || item.properties.isEmpty()) {
            throw new IOException(item.kind + " '" + item.name + "' lacks labels_or_types or properties");
        }
        item.createStatement(); // rejects unknown types
        return item;
    }

    /** The Cypher that recreates this item ({@code IF NOT EXISTS}, same name). */
    String createStatement() throws IOException {
        boolean node = entityType.equals("NODE");
        String pattern = node ? "(e:" + labels() + ")" : "()-[e:" + labels() + "]-()";
        String head = "CREATE " + (isConstraint() ? "CONSTRAINT " : indexKeyword()) + Cypher.quote(name) + " IF NOT EXISTS FOR " + pattern;
        if (isConstraint()) {
            String props = "(" + properties.stream().map(p -> "e." + Cypher.quote(p)).collect(Collectors.joining(", ")) + ")";
            return switch (type) {
                case "UNIQUENESS", "NODE_PROPERTY_UNIQUENESS", "RELATIONSHIP_UNIQUENESS", "RELATIONSHIP_PROPERTY_UNIQUENESS" ->
                        head + " REQUIRE " + props + " IS UNIQUE";
                case "NODE_KEY" -> head + " REQUIRE " + props + " IS NODE KEY";
                case "RELATIONSHIP_KEY" -> head + " REQUIRE " + props + " IS RELATIONSHIP KEY";
                case "NODE_PROPERTY_EXISTENCE", "RELATIONSHIP_PROPERTY_EXISTENCE" -> head + " REQUIRE " + props + " IS NOT NULL";
                case "NODE_PROPERTY_TYPE", "RELATIONSHIP_PROPERTY_TYPE" -> {
                    if (propertyType == null || !propertyType.matches("[A-Za-z0-9_ |<>,()]+")) {
                        throw new IOException("constraint '" + name + "' has no usable property_type");
                    }
                    yield head + " REQUIRE " + props + " IS :: " + propertyType;
                }
                default -> throw new IOException("unknown constraint type '" + type + "' of '" + name + "'");
            };
        }
        String props = properties.stream().map(p -> "e." + Cypher.quote(p)).collect(Collectors.joining(", "));
        String on = type.equals("FULLTEXT") ? " ON EACH [" + props + "]" : " ON (" + props + ")";
        String options = indexConfig == null || indexConfig.isEmpty() ? "" : " OPTIONS {indexConfig: " + literal(indexConfig) + "}";
        return head + on + options;
    }

    private String indexKeyword() throws IOException {
        return switch (type) {
            case "RANGE" -> "INDEX ";
            case "TEXT", "POINT", "FULLTEXT", "VECTOR" -> type + " INDEX ";
            default -> throw new IOException("unsupported index type '" + type + "' of '" + name + "'");
        };
    }

    private String labels() {
        return labelsOrTypes.stream().map(Cypher::quote).collect(Collectors.joining("|"));
    }

    /** A Cypher literal for a JSON value (index configuration: maps, lists, numbers, strings, booleans). */
    static String literal(JsonNode v) throws IOException {
        if (v.isObject()) {
            StringBuilder sb = new StringBuilder("{");
            Iterator<Map.Entry<String, JsonNode>> it = v.fields();
            while (it.hasNext()) {
                Map.Entry<String, JsonNode> e = it.next();
                sb.append(Cypher.quote(e.getKey())).append(": ").append(literal(e.getValue()));
                if (it.hasNext()) sb.append(", ");
            }
            return sb.append('}').toString();
        }
        if (v.isArray()) {
            StringBuilder sb = new StringBuilder("[");
            for (int i = 0; i < v.size(); i++) {
                if (i > 0) sb.append(", ");
                sb.append(literal(v.get(i)));
            }
            return sb.append(']').toString();
        }
        if (v.isTextual()) return Cypher.string(v.textValue());
        if (v.isIntegralNumber()) return Long.toString(v.longValue());
        if (v.isNumber()) return Double.toString(v.doubleValue());
        if (v.isBoolean()) return Boolean.toString(v.booleanValue());
        if (v.isNull()) return "null";
        throw new IOException("cannot express " + v + " in Cypher");
    }
}
