package dev.backroute.restore;

import java.io.IOException;

/** A stored backup is not what its manifest says: changed, truncated, extended, or undecodable. */
public class IntegrityException extends IOException {
    public IntegrityException(String message) {
        super(message);
    }

    public IntegrityException(String message, Throwable cause) {
        super(message, cause);
    }
}
