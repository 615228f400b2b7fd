package dev.backroute.restore;

import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.function.Function;
import java.util.stream.Collectors;

/** The registered {@link DatabaseKind}s, loaded once with this class's own class loader. */
final class DatabaseKinds {
    private static final Map<String, DatabaseKind> BY_KIND = ServiceLoader.load(DatabaseKind.class, DatabaseKind.class.getClassLoader())
            .stream().map(ServiceLoader.Provider::get)
            .collect(Collectors.toUnmodifiableMap(DatabaseKind::kind, Function.identity()));

    private DatabaseKinds() {}

    /** Empty for {@code files}, the one kind restore handles itself. */
    static Optional<DatabaseKind> find(String kind) {
        return Optional.ofNullable(BY_KIND.get(kind));
    }
}
