package dev.backroute.neo4j;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import org.neo4j.driver.Value;
import org.neo4j.driver.Values;
import org.neo4j.driver.types.IsoDuration;
import org.neo4j.driver.types.Point;

import java.io.IOException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetTime;
import java.time.ZonedDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The typed JSON encoding of Neo4j property values. Every value is an object {@code {"t": TYPE, "v": VALUE}}:
 * <ul>
 *   <li>{@code string}, {@code boolean}; {@code long} (a JSON integer); {@code double} (a JSON number, or the
 *       strings {@code "NaN"}, {@code "Infinity"}, {@code "-Infinity"});</li>
 *   <li>{@code bytes}: base64; {@code date}, {@code localtime}, {@code time}, {@code localdatetime},
 *       {@code datetime}: ISO-8601 text as {@code java.time} prints it ({@code datetime} keeps a named zone:
 *       {@code 2024-03-01T12:00+01:00[Europe/Paris]});</li>
 *   <li>{@code duration}: {@code {"months":…,"days":…,"seconds":…,"nanos":…}};
 *       {@code point}: {@code {"srid":…,"x":…,"y":…[,"z":…]}};</li>
 *   <li>{@code list}: {@code {"t":"list","of":ELEMENT_TYPE,"v":[element values as above, without "t"]}}.
 *       Stored lists are homogeneous. For an empty list {@code of} is {@code "any"}: Bolt does not say what
 *       element type an empty stored array had, and an empty list reads back the same whatever it was.</li>
 * </ul>
 */
final class PropertyCodec {

    private PropertyCodec() {}

    /** Writes a property map as a JSON object of typed values. */
    static void writeProperties(JsonGenerator g, Value props) throws IOException {
        g.writeStartObject();
        for (String key : props.keys()) {
            g.writeFieldName(key);
            writeTyped(g, props.get(key));
        }
        g.writeEndObject();
    }

    static void writeTyped(JsonGenerator g, Value value) throws IOException {
        Object o = value.asObject();
        g.writeStartObject();
        if (o instanceof List<?> list) {
            String of = list.isEmpty() ? "any" : typeOf(list.get(0));
            g.writeStringField("t", "list");
            g.writeStringField("of", of);
            g.writeFieldName("v");
            g.writeStartArray();
            for (Object e : list) {
                String t = typeOf(e);
                if (!t.equals(of)) {
                    throw new IOException("list property mixes " + of + " and " + t + " elements, which Neo4j does not store");
                }
                writeBare(g, t, e);
            }
            g.writeEndArray();
        } else {
            String t = typeOf(o);
            g.writeStringField("t", t);
            g.writeFieldName("v");
            writeBare(g, t, o);
        }
        g.writeEndObject();
    }

    private static String typeOf(Object o) throws IOException {
        if (o instanceof String) return "string";
        if (o instanceof Long) return "long";
        if (o instanceof Double) return "double";
        if (o instanceof Boolean) return "boolean";
        if (o instanceof byte[]) return "bytes";
        if (o instanceof LocalDate) return "date";
        if (o instanceof LocalTime) return "localtime";
        if (o instanceof OffsetTime) return "time";
        if (o instanceof LocalDateTime) return "localdatetime";
        if (o instanceof ZonedDateTime) return "datetime";
        if (o instanceof IsoDuration) return "duration";
        if (o instanceof Point) return "point";
        throw new IOException("unsupported property type " + (o == null ? "null" : o.getClass().getSimpleName()));
    }

    private static void writeBare(JsonGenerator g, String t, Object o) throws IOException {
        switch (t) {
            case "string" -> g.writeString((String) o);
            case "long" -> g.writeNumber((Long) o);
            case "double" -> {
                double d = (Double) o;
                if (Double.isFinite(d)) {
                    g.writeNumber(d);
                } else {
                    g.writeString(Double.toString(d));
                }
            }
            case "boolean" -> g.writeBoolean((Boolean) o);
            case "bytes" -> g.writeString(Base64.getEncoder().encodeToString((byte[]) o));
            case "duration" -> {
                IsoDuration d = (IsoDuration) o;
                g.writeStartObject();
                g.writeNumberField("months", d.months());
                g.writeNumberField("days", d.days());
                g.writeNumberField("seconds", d.seconds());
                g.writeNumberField("nanos", d.nanoseconds());
                g.writeEndObject();
            }
            case "point" -> {
                Point p = (Point) o;
                g.writeStartObject();
                g.writeNumberField("srid", p.srid());
                g.writeNumberField("x", p.x());
                g.writeNumberField("y", p.y());
                if (!Double.isNaN(p.z())) {
                    g.writeNumberField("z", p.z());
                }
                g.writeEndObject();
            }
            default -> g.writeString(o.toString()); // java.time types: ISO-8601, lossless
        }
    }

    /** Decodes a property map written by {@link #writeProperties}. */
    static Map<String, Value> readProperties(JsonNode props) throws IOException {
        if (props == null || !props.isObject()) {
            throw new IOException("\"props\" must be an object");
        }
        Map<String, Value> out = new LinkedHashMap<>();
        Iterator<Map.Entry<String, JsonNode>> it = props.fields();
        while (it.hasNext()) {
            Map.Entry<String, JsonNode> e = it.next();
            try {
                out.put(e.getKey(), readTyped(e.getValue()));
            } catch (IOException | RuntimeException ex) {
                throw new IOException("property '" + e.getKey() + "': " + ex.getMessage(), ex);
            }
        }
        return out;
    }

    static Value readTyped(JsonNode node) throws IOException {
        if (!node.isObject() || !node.path("t").isTextual() || !node.has("v")) {
            throw new IOException("not a typed value {\"t\":…,\"v\":…}");
        }
        String t = node.get("t").asText();
        JsonNode v = node.get("v");
        if (t.equals("list")) {
            String of = node.path("of").asText("");
            if (!v.isArray()) {
                throw new IOException("list value must be an array");
            }
            if (v.isEmpty()) {
                return Values.value(List.of());
            }
            List<Object> items = new ArrayList<>(v.size());
            for (JsonNode e : v) {
                items.add(readBare(of, e));
            }
            return Values.value(items);
        }
        return readBare(t, v);
    }

    private static Value readBare(String t, JsonNode v) throws IOException {
        try {
            return switch (t) {
                case "string" -> Values.value(text(v));
                case "long" -> {
                    if (!v.isIntegralNumber() || !v.canConvertToLong()) throw new IOException("not a 64-bit integer: " + v);
                    yield Values.value(v.longValue());
                }
                case "double" -> {
                    if (v.isNumber()) yield Values.value(v.doubleValue());
                    String s = text(v);
                    if (!s.equals("NaN") && !s.equals("Infinity") && !s.equals("-Infinity")) throw new IOException("not a double: " + v);
                    yield Values.value(Double.parseDouble(s));
                }
                case "boolean" -> {
                    if (!v.isBoolean()) throw new IOException("not a boolean: " + v);
                    yield Values.value(v.booleanValue());
                }
                case "bytes" -> Values.value(Base64.getDecoder().decode(text(v)));
                case "date" -> Values.value(LocalDate.parse(text(v)));
                case "localtime" -> Values.value(LocalTime.parse(text(v)));
                case "time" -> Values.value(OffsetTime.parse(text(v)));
                case "localdatetime" -> Values.value(LocalDateTime.parse(text(v)));
                case "datetime" -> Values.value(ZonedDateTime.parse(text(v)));
                case "duration" -> Values.isoDuration(num(v, "months").longValue(), num(v, "days").longValue(),
                        num(v, "seconds").longValue(), num(v, "nanos").intValue());
                case "point" -> v.has("z")
                        ? Values.point(num(v, "srid").intValue(), num(v, "x").doubleValue(), num(v, "y").doubleValue(), num(v, "z").doubleValue())
                        : Values.point(num(v, "srid").intValue(), num(v, "x").doubleValue(), num(v, "y").doubleValue());
                default -> throw new IOException("unknown value type '" + t + "'");
            };
        } catch (DateTimeParseException | IllegalArgumentException e) {
            throw new IOException("bad " + t + " value " + v + ": " + e.getMessage(), e);
        }
    }

    private static String text(JsonNode v) throws IOException {
        if (!v.isTextual()) throw new IOException("not a string: " + v);
        return v.textValue();
    }

    private static JsonNode num(JsonNode v, String field) throws IOException {
        JsonNode n = v.get(field);
        if (n == null || !n.isNumber()) throw new IOException("missing number \"" + field + "\" in " + v);
        return n;
    }
}
