package dev.backroute.repository;

import java.io.IOException;

/**
 * The repository cannot be used as asked, through no damage of its own: none there, one there already, or
 * encrypted when no keyset was given (or the reverse). The operator fixes the configuration.
 */
public class RepositoryException extends IOException {
    public RepositoryException(String message) {
        super(message);
    }
}
