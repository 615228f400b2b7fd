package dev.backroute.repository;

import java.io.IOException;

/**
 * A stored object is damaged, cut short, swapped or forged. The message names the object and what is wrong
 * with it, in one line; no bytes of such an object are ever handed to the caller.
 */
public class RepositoryCorruptException extends IOException {
    public RepositoryCorruptException(String message) {
        super(message);
    }
}
