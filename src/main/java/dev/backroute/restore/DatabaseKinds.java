package dev.backroute.restore;

import dev.backroute.config.SourceKinds;

import java.util.Optional;

/** The registered source kinds that are {@link DatabaseKind}s. */
final class DatabaseKinds {

    private DatabaseKinds() {}

    /** Empty for {@code files}, the one kind restore handles itself. */
    static Optional<DatabaseKind> find(String kind) {
        return SourceKinds.find(kind).filter(DatabaseKind.class::isInstance).map(DatabaseKind.class::cast);
    }
}
