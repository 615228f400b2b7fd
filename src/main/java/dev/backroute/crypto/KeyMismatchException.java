package dev.backroute.crypto;

import java.io.IOException;

/**
 * No key of the configured keyset opens the encrypted stream. Kept apart from other read failures
 * because the fix differs: configure the keyset the backup was made with, rather than suspect the
 * stored data.
 */
public class KeyMismatchException extends IOException {
    public KeyMismatchException(String message) {
        super(message);
    }
}
