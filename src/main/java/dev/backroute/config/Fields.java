package dev.backroute.config;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * The keys of one JSON object, read as typed fields with defaults. The keys a reader asks for are the
 * keys the object may have: any other key is refused once the reader is done, which keeps the schema
 * in one place (the reader) instead of a separate list of allowed keys. Public because each source kind and
 * storage target reads its own block from its own package.
 */
public final class Fields {
    /** Keys that would hold a secret in clear text; each has an {@code _env}/{@code _file} form instead. */
    private static final Set<String> LITERAL_SECRETS = Set.of("password", "secret", "token", "connection_string",
            "webhook_url", "access_key_id", "secret_access_key", "keyset", "api_key");
    private static final Pattern ENV_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

    private final Node object;
    private final Set<String> expected = new LinkedHashSet<>();
    private boolean otherKeysIgnored;
    private boolean keysAreNames;

    Fields(Node object) {
        this.object = object;
    }

    public Node get(String key) {
        expected.add(key);
        return object.child(key);
    }

    /** An optional string; "" is kept, for the fields where it means "not set". */
    public String string(String key, String fallback) {
        Node node = get(key);
        String value = node.isPresent() ? node.text() : null;
        return value == null ? fallback : value;
    }

    public String nonEmpty(String key, String fallback) {
        Node node = get(key);
        String value = node.isPresent() ? node.nonEmptyText() : null;
        return value == null ? fallback : value;
    }

    /** A string that must be given and not be ""; {@code why} completes "required ...". Returns "" when missing. */
    public String required(String key, String why) {
        Node node = get(key);
        String value = node.isPresent() ? node.text() : "";
        if ("".equals(value)) {
            node.problem("required " + why);
        }
        return value == null ? "" : value;
    }

    public String choice(String key, String fallback, List<String> options) {
        String value = string(key, fallback);
        check(key, options.contains(value), "must be one of " + quoted(options) + ", got '" + value + "'");
        return value;
    }

    public boolean bool(String key, boolean fallback) {
        Node node = get(key);
        Boolean value = node.isPresent() ? node.bool() : null;
        return value == null ? fallback : value;
    }

    /** An integer in [min, max]; a value out of range is reported and replaced by the fallback. */
    public int integer(String key, int fallback, int min, int max) {
        Node node = get(key);
        if (!node.isPresent()) {
            return fallback;
        }
        String rule = integerRule(min, max);
        Integer value = node.integer(rule);
        if (value == null) {
            return fallback;
        }
        if (value < min || value > max) {
            node.problem(rule + ", got " + value);
            return fallback;
        }
        return value;
    }

    /** A list of distinct non-empty strings that must be given and not be empty. */
    public Map<String, Node> requiredStrings(String key, String why) {
        Node list = get(key);
        if (!list.isPresent()) {
            list.problem("required " + why);
            return Map.of();
        }
        return strings(list, false);
    }

    /**
     * A list of distinct non-empty strings, mapped to their nodes so callers can check each one
     * further. When absent the defaults are returned against the list's own node. A given list may be
     * empty only when the default is.
     */
    public Map<String, Node> strings(String key, List<String> whenAbsent) {
        Node list = get(key);
        if (!list.isPresent()) {
            Map<String, Node> defaults = new LinkedHashMap<>();
            whenAbsent.forEach(value -> defaults.put(value, list));
            return defaults;
        }
        return strings(list, whenAbsent.isEmpty());
    }

    /** A list of objects, each read by {@code reader} (its own keys checked like any object's); empty when absent. */
    public <T> List<T> objects(String key, Function<Fields, T> reader) {
        Node list = get(key);
        if (!list.isPresent()) {
            return List.of();
        }
        List<T> values = new ArrayList<>();
        for (Node item : list.items("a list of objects")) {
            T value = item.object(reader);
            if (value != null) {
                values.add(value);
            }
        }
        return values;
    }

    /** A list of numbers that must not be empty (a query vector); null when absent, each bad item reported. */
    public List<java.math.BigDecimal> numbers(String key) {
        Node list = get(key);
        if (!list.isPresent()) {
            return null;
        }
        List<java.math.BigDecimal> values = new ArrayList<>();
        List<Node> items = list.items("a list of numbers");
        for (Node item : items) {
            values.add(item.number());
        }
        if (list.isArray() && items.isEmpty()) {
            list.problem("must list at least one number");
        }
        return values;
    }

    /** An optional object, read by {@code reader} (its own keys checked like any object's); null when absent. */
    public <T> T object(String key, Function<Fields, T> reader) {
        Node node = get(key);
        return node.isPresent() ? node.object(reader) : null;
    }

    /** An optional path, resolved against the config file's directory; null when absent or "". */
    public Path path(String key) {
        String value = string(key, "");
        return value.isEmpty() ? null : get(key).toPath(value);
    }

    /** A path that must be given and not be ""; null when missing. */
    public Path requiredPath(String key, String why) {
        String value = required(key, why);
        return value.isEmpty() ? null : get(key).toPath(value);
    }

    /** The name of an environment variable; {@code fallback} when absent or "". */
    public String envName(String key, String fallback) {
        String value = string(key, "");
        if (value.isEmpty()) {
            return fallback;
        }
        // The value is not echoed: a wrong entry here is most often the secret itself pasted in.
        check(key, ENV_NAME.matcher(value).matches(), "must be the name of an environment variable "
                + "(letters, digits and '_', not starting with a digit); the value given is not, and is not shown here");
        return value;
    }

    /** A secret given by {@code key_env} or {@code key_file}, at most one of them. */
    public SecretRef secret(String key) {
        String env = envName(key + "_env", null);
        Path file = path(key + "_file");
        if (env != null && file != null) {
            get(key + "_file").problem("give either " + key + "_env or " + key + "_file, not both");
        }
        return new SecretRef(object.child(key).path(), env, file);
    }

    /** Checks a URI that is set (not ""): its scheme must be one of {@code schemes} and it must name a host. */
    public void checkUri(String key, String value, List<String> schemes) {
        check(key, value.isEmpty() || isUri(value, schemes),
                "must be a URI with scheme " + String.join(", ", schemes) + " and a host, got '" + value + "'");
    }

    /**
     * Reports {@code problem} against {@code key} unless {@code ok}. The key is not thereby expected: a
     * check may name a key the object must not hold literally, such as a secret.
     */
    public void check(String key, boolean ok, String problem) {
        if (!ok) {
            object.child(key).problem(problem);
        }
    }

    /** Reports a problem about the object as a whole. */
    public void problem(String message) {
        object.problem(message);
    }

    /** For objects whose keys are names chosen by the operator (backup types, storage targets). */
    Map<String, Node> entries() {
        keysAreNames = true;
        Map<String, Node> entries = new LinkedHashMap<>();
        for (String key : object.keys()) {
            Node value = get(key);
            if (LITERAL_SECRETS.contains(key) && !value.isObject()) {
                value.problem(literalSecret(key));
            } else {
                entries.put(key, value);
            }
        }
        return entries;
    }

    /** For an object rejected as a whole (say, an unknown storage type): its other keys cannot be judged. */
    void ignoreOtherKeys() {
        otherKeysIgnored = true;
    }

    /** Refuses the keys the reader did not ask for, and tells the document which ones it did. */
    void rejectUnexpectedKeys() {
        if (otherKeysIgnored) {
            return;
        }
        if (!keysAreNames) {
            object.document().accepts(object.path(), expected);
        }
        for (String key : object.keys()) {
            if (!expected.contains(key)) {
                object.child(key).problem(LITERAL_SECRETS.contains(key) ? literalSecret(key)
                        : "unknown key; expected one of " + String.join(", ", expected) + DidYouMean.hint(key, expected));
            }
        }
    }

    private static Map<String, Node> strings(Node list, boolean mayBeEmpty) {
        Map<String, Node> values = new LinkedHashMap<>();
        List<Node> items = list.items("a list of strings");
        for (Node item : items) {
            String value = item.nonEmptyText();
            if (value != null && values.putIfAbsent(value, item) != null) {
                item.problem("'" + value + "' is listed twice");
            }
        }
        if (list.isArray() && items.isEmpty() && !mayBeEmpty) {
            list.problem("must list at least one entry");
        }
        return values;
    }

    private static String integerRule(int min, int max) {
        if (max != Integer.MAX_VALUE) {
            return "must be an integer from " + min + " to " + max;
        }
        return min == 1 ? "must be a positive integer" : "must be an integer";
    }

    private static boolean isUri(String value, List<String> schemes) {
        try {
            URI uri = new URI(value);
            return uri.getScheme() != null && schemes.contains(uri.getScheme().toLowerCase(Locale.ROOT))
                    && uri.getHost() != null;
        } catch (URISyntaxException e) {
            return false;
        }
    }

    private static String quoted(List<String> options) {
        return String.join(", ", options.stream().map(o -> "'" + o + "'").toList());
    }

    private static String literalSecret(String key) {
        return "literal secrets are not allowed in the config; give " + key + "_env (name of an environment variable) or "
                + key + "_file (path of a file) instead";
    }
}
