package dev.backroute.config;

import com.fasterxml.jackson.databind.JsonNode;

import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * One JSON value of the config together with its JSON path, so that every problem names the field
 * it is about. Typed accessors report a wrong JSON type and return null; the caller then falls back
 * to a default, since the load fails anyway and only the collected problems matter.
 */
public final class Node {
    private static final int SNIPPET_LENGTH = 40;

    private final JsonNode json;
    private final String path;
    private final List<Integer> position;
    private final Document document;

    private Node(JsonNode json, String path, List<Integer> position, Document document) {
        this.json = json;
        this.path = path;
        this.position = position;
        this.document = document;
    }

    static Node root(JsonNode json, Document document) {
        return new Node(json, "", List.of(), document);
    }

    public String path() {
        return path;
    }

    Document document() {
        return document;
    }

    /** False when the key is absent from the document. */
    public boolean isPresent() {
        return json != null;
    }

    boolean isArray() {
        return json != null && json.isArray();
    }

    boolean isObject() {
        return json != null && json.isObject();
    }

    public void problem(String message) {
        document.problem(position, path, message);
    }

    /** An absent key still gets a node: problems about it sort at the end of its object, where it would be added. */
    Node child(String key) {
        JsonNode value = json == null ? null : json.get(key);
        int index = value == null ? Integer.MAX_VALUE : keys().indexOf(key);
        return new Node(value, path.isEmpty() ? key : path + "." + key, append(index), document);
    }

    /** The keys of an object in file order; none when absent, so an absent section reads as all defaults. */
    List<String> keys() {
        List<String> keys = new ArrayList<>();
        if (json != null) {
            json.fieldNames().forEachRemaining(keys::add);
        }
        return keys;
    }

    List<Node> items(String expected) {
        if (!json.isArray()) {
            problem("must be " + expected + ", got " + snippet());
            return List.of();
        }
        List<Node> items = new ArrayList<>();
        for (int i = 0; i < json.size(); i++) {
            items.add(new Node(json.get(i), path + "[" + i + "]", append(i), document));
        }
        return items;
    }

    public String text() {
        if (json.isTextual()) {
            return json.asText();
        }
        problem("must be a string, got " + snippet());
        return null;
    }

    public String nonEmptyText() {
        if (json.isTextual() && !json.asText().isEmpty()) {
            return json.asText();
        }
        problem("must be a non-empty string, got " + snippet());
        return null;
    }

    /** A string, number or boolean as text (a number as written, {@code 1000} not {@code 1000.0}); null (reported) otherwise. */
    public String scalarText() {
        if (json.isValueNode() && !json.isNull()) {
            return json.isNumber() ? json.decimalValue().toPlainString() : json.asText();
        }
        problem("must be a string, a number or a boolean, got " + snippet());
        return null;
    }

    /** A JSON number; null (reported) otherwise, "1000" included. */
    public java.math.BigDecimal number() {
        if (json.isNumber()) {
            return json.decimalValue();
        }
        problem("must be a number, got " + snippet());
        return null;
    }

    Boolean bool() {
        if (json.isBoolean()) {
            return json.asBoolean();
        }
        problem("must be a boolean (true or false), got " + snippet());
        return null;
    }

    /** {@code rule} says what is expected, e.g. "must be a positive integer"; 3.5 and "3" are refused. */
    Integer integer(String rule) {
        if (json.isIntegralNumber() && json.canConvertToInt()) {
            return json.asInt();
        }
        problem(rule + ", got " + snippet());
        return null;
    }

    /**
     * Reads this object with {@code reader}, then refuses the keys the reader did not ask for. An absent
     * object reads as {@code {}}; a value that is not an object is reported and gives null.
     */
    <T> T object(Function<Fields, T> reader) {
        if (isPresent() && !isObject()) {
            problem("must be an object, got " + snippet());
            return null;
        }
        Fields fields = new Fields(this);
        T result = reader.apply(fields);
        fields.rejectUnexpectedKeys();
        return result;
    }

    /** {@code value} resolved against the config file's directory; null (reported) when not a path. */
    public Path toPath(String value) {
        try {
            return document.resolve(value);
        } catch (InvalidPathException e) {
            problem("not a valid path: " + e.getReason());
            return null;
        }
    }

    private String snippet() {
        String text = json.toString();
        return text.length() <= SNIPPET_LENGTH ? text : text.substring(0, SNIPPET_LENGTH) + "...";
    }

    private List<Integer> append(int index) {
        List<Integer> child = new ArrayList<>(position);
        child.add(index);
        return List.copyOf(child);
    }
}
