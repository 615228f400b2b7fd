package dev.backroute.drill;

import dev.backroute.config.SourceKind;

import java.io.IOException;

/**
 * A source kind whose backups a recovery drill can restore into a scratch target of the kind's own and check there.
 * Registered like every {@link SourceKind} (one line of {@code META-INF/services/dev.backroute.config.SourceKind}).
 */
public interface DrillKind extends SourceKind {

    /**
     * Removes what earlier drills of the type left (a killed drill's scratch target, or a kept one), then names a new
     * scratch target for {@code drill}, claiming it where a kill -9 before the restore must leave it recognisable (a
     * scratch server's marker) and otherwise creating nothing the restore would not. Called while the
     * type's drill lock is held, so no other drill of the type is running. The target it names is never the type's
     * source: each kind says how it makes sure of that, and refuses rather than guesses.
     */
    Scratch prepare(Drill drill) throws IOException;
}
