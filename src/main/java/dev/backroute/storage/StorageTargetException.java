package dev.backroute.storage;

import java.io.IOException;

/**
 * A cloud storage target refused or could not be reached. The message is one line that names the target,
 * the bucket or container and what to do; it never contains a secret.
 */
public class StorageTargetException extends IOException {

    /** What went wrong, so callers (preflight, alerts) can tell a misconfiguration from an outage. */
    public enum Reason {
        /** The bucket or container does not exist. */
        MISSING_BUCKET,
        /** The service refused the credentials, or none were found. */
        CREDENTIALS,
        /** The endpoint could not be reached in time. */
        UNREACHABLE,
        /** Anything else the service answered with. */
        OTHER
    }

    private final Reason reason;

    public StorageTargetException(Reason reason, String message, Throwable cause) {
        super(message, cause);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
