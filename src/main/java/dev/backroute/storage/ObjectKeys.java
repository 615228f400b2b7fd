package dev.backroute.storage;

/** Object names below a bucket's prefix: {@code <prefix>/<type>/<file>}, no double slashes, "" = bucket root. */
final class ObjectKeys {
    private final String base;

    ObjectKeys(String prefix) {
        String p = prefix == null ? "" : prefix.replaceAll("/+", "/");
        p = p.replaceAll("^/|/$", "");
        this.base = p.isEmpty() ? "" : p + "/";
    }

    /** The folder of a type, ending in '/'. */
    String folder(String type) {
        return base + type + "/";
    }

    String key(String type, String fileName) {
        PlainNames.check(type, fileName);
        return folder(type) + fileName;
    }

    /** The file name of a key listed under {@link #folder}, or null when it lies deeper (a "subfolder"). */
    String fileName(String type, String key) {
        String folder = folder(type);
        if (!key.startsWith(folder)) {
            return null;
        }
        String rest = key.substring(folder.length());
        return rest.isEmpty() || rest.contains("/") ? null : rest;
    }
}
