package dev.backroute.restore;

import dev.backroute.Errors;

/** A check failed after part of a backup had already been written out: what was written must not be used. */
public final class IncompleteOutputException extends IntegrityException {
    IncompleteOutputException(Throwable cause) {
        super("the output is incomplete or corrupt, discard it: " + Errors.describe(cause), cause);
    }
}
