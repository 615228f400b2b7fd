package dev.backroute.catalog;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * The bytes a manifest's MAC covers: its JSON tree without the {@code mac} field, object keys sorted,
 * no whitespace. Both sides compute it from a parsed tree, so indentation or key order in the file, or
 * fields a newer version added, never change whether a manifest verifies.
 */
final class CanonicalJson {
    /** Plain: no indentation, and a codec so that scalar nodes can write themselves. */
    private static final JsonFactory FACTORY = new ObjectMapper().getFactory();

    private CanonicalJson() {}

    static byte[] bytes(JsonNode node) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (JsonGenerator g = FACTORY.createGenerator(out)) {
            write(node, g);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    private static void write(JsonNode node, JsonGenerator g) throws IOException {
        if (node.isObject()) {
            List<String> names = new ArrayList<>();
            for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
                names.add(it.next());
            }
            names.sort(null);
            g.writeStartObject();
            for (String name : names) {
                g.writeFieldName(name);
                write(node.get(name), g);
            }
            g.writeEndObject();
        } else if (node.isArray()) {
            g.writeStartArray();
            for (JsonNode element : node) {
                write(element, g);
            }
            g.writeEndArray();
        } else {
            g.writeTree(node);
        }
    }
}
