package dev.backroute.config;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/** The registered {@link StorageKind}s, in the order of their registration file, loaded once with this class's own class loader. */
public final class StorageKinds {
    private static final List<StorageKind> KINDS = Registry.load(StorageKind.class, StorageKind::name);

    private StorageKinds() {}

    public static List<StorageKind> all() {
        return KINDS;
    }

    /** The valid {@code type} values, in registration order. */
    public static List<String> names() {
        return KINDS.stream().map(StorageKind::name).toList();
    }

    public static Optional<StorageKind> find(String name) {
        return KINDS.stream().filter(k -> k.name().equals(name)).findFirst();
    }

    /** The first registered kind's target in {@code folder}; see {@link StorageKind#inFolder}. */
    static StorageConfig inFolder(String targetName, Path folder) {
        return KINDS.stream().flatMap(k -> k.inFolder(targetName, folder).stream()).findFirst()
                .orElseThrow(() -> new IllegalStateException("no registered storage kind keeps backups in a folder"));
    }
}
