package dev.backroute.repository;

import java.util.regex.Pattern;

/**
 * The only object names a repository uses, all content addresses in lower-case hex:
 * {@code data/<2 hex>/<64 hex>} (packs, fanned out so no folder holds millions), {@code index/<64 hex>},
 * {@code snapshots/<64 hex>}, {@code keys/<64 hex>}, {@code locks/<64 hex>}. Names come back from an untrusted listing, so anything
 * else (a path with "..", a stray file, a pack filed under the wrong fan-out folder) is refused rather than
 * turned into a path or a request.
 */
public final class BlobName {
    public static final String DATA = "data/";
    public static final String INDEX = "index/";
    public static final String SNAPSHOTS = "snapshots/";
    public static final String KEYS = "keys/";
    public static final String LOCKS = "locks/";

    private static final Pattern SHAPE = Pattern.compile(
            "data/([0-9a-f]{2})/(\\1[0-9a-f]{62})|(index|snapshots|keys|locks)/[0-9a-f]{64}");
    private static final Pattern ID = Pattern.compile("[0-9a-f]{64}");

    private BlobName() {}

    public static boolean isValid(String name) {
        return name != null && SHAPE.matcher(name).matches();
    }

    /** Throws for a name of another shape: a caller bug or a hostile listing, never a path to follow. */
    public static String require(String name) {
        if (!isValid(name)) {
            throw new IllegalArgumentException("not a repository object name: " + printable(name));
        }
        return name;
    }

    public static String pack(String id) {
        return DATA + requireId(id).substring(0, 2) + "/" + id;
    }

    public static String index(String id) {
        return INDEX + requireId(id);
    }

    public static String snapshot(String id) {
        return SNAPSHOTS + requireId(id);
    }

    public static String key(String id) {
        return KEYS + requireId(id);
    }

    public static String lock(String id) {
        return LOCKS + requireId(id);
    }

    /** The hex id at the end of a valid name. */
    public static String idOf(String name) {
        return require(name).substring(name.lastIndexOf('/') + 1);
    }

    private static String requireId(String id) {
        if (id == null || !ID.matcher(id).matches()) {
            throw new IllegalArgumentException("not a repository object id: " + printable(id));
        }
        return id;
    }

    /** Keeps a hostile name from putting control characters or a whole novel into a message. */
    private static String printable(String name) {
        if (name == null) {
            return "null";
        }
        String cut = name.length() > 100 ? name.substring(0, 100) + "..." : name;
        return cut.replaceAll("[^\\x20-\\x7e]", "?");
    }
}
