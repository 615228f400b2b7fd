package dev.backroute.postgres;

import java.io.IOException;

/** A PostgreSQL backup or restore step failed; the message says what and what to do, in one line. */
public class PgException extends IOException {
    public PgException(String message) {
        super(message);
    }

    public PgException(String message, Throwable cause) {
        super(message, cause);
    }
}
