package dev.backroute.storage;

import dev.backroute.config.Fields;

/** Object names below a bucket's prefix: {@code <prefix>/<type>/<file>}, no double slashes, "" = bucket root. */
public final class ObjectKeys {
    private final String base;

    public ObjectKeys(String prefix) {
        String p = prefix == null ? "" : prefix.replaceAll("/+", "/");
        p = p.replaceAll("^/|/$", "");
        this.base = p.isEmpty() ? "" : p + "/";
    }

    /** The folder of a type, ending in '/'. */
    public String folder(String type) {
        return base + type + "/";
    }

    public String key(String type, String fileName) {
        PlainNames.check(type, fileName);
        return folder(type) + fileName;
    }

    /** The file name of a key listed under {@link #folder}, or null when it lies deeper (a "subfolder"). */
    public String fileName(String type, String key) {
        String folder = folder(type);
        if (!key.startsWith(folder)) {
            return null;
        }
        String rest = key.substring(folder.length());
        return rest.isEmpty() || rest.contains("/") ? null : rest;
    }

    /** Reads a target's {@code prefix}: keys are relative to the bucket or container, so a leading "/" would make an empty first segment. */
    public static String prefix(Fields f) {
        String prefix = f.string("prefix", "");
        f.check("prefix", !prefix.startsWith("/"), "must not start with '/', got '" + prefix + "'");
        return prefix;
    }
}
