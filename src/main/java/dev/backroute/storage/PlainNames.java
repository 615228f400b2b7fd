package dev.backroute.storage;

/**
 * The last line of defence for names that reach a storage target: a type folder and a file name are each
 * one plain path element. The catalog checks every name it reads from storage long before this; a name
 * that still is a path here is a bug, and no target may turn it into a read, write or delete elsewhere.
 */
public final class PlainNames {

    private PlainNames() {}

    public static void check(String type, String fileName) {
        if (!isPlain(type) || !isPlain(fileName)) {
            throw new IllegalArgumentException("refusing storage name '" + type + "/" + fileName
                    + "': a type and a file name must each be one plain path element");
        }
    }

    /** One path element without control characters: what Backroute itself ever names an object. */
    public static boolean isPlain(String name) {
        return name != null && !name.isEmpty() && !name.equals(".") && !name.equals("..")
                && name.indexOf('/') < 0 && name.indexOf('\\') < 0 && name.chars().noneMatch(Character::isISOControl);
    }
}
