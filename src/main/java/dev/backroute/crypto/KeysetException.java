package dev.backroute.crypto;

/**
 * The encryption keyset is missing, unreadable or unusable: a configuration problem the operator
 * fixes (the CLI exits with 2). Messages are one line, name the file or environment variable and
 * never contain key material, which is why no parser exception is ever attached as the cause.
 */
public class KeysetException extends RuntimeException {
    public KeysetException(String message) {
        super(message);
    }
}
