package dev.backroute.config;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** The registered {@link SourceKind}s, by name, loaded once with this class's own class loader. */
public final class SourceKinds {
    private static final Map<String, SourceKind> BY_NAME = load();

    private SourceKinds() {}

    private static Map<String, SourceKind> load() {
        Map<String, SourceKind> byName = new TreeMap<>();
        Registry.load(SourceKind.class, SourceKind::name).forEach(kind -> byName.put(kind.name(), kind));
        return Map.copyOf(byName);
    }

    public static Optional<SourceKind> find(String name) {
        return Optional.ofNullable(BY_NAME.get(name));
    }

    /** Every registered kind, whatever else it implements. */
    public static List<SourceKind> all() {
        return BY_NAME.keySet().stream().sorted().map(BY_NAME::get).toList();
    }

    /** The registered names, sorted. */
    public static List<String> names() {
        return BY_NAME.keySet().stream().sorted().toList();
    }
}
