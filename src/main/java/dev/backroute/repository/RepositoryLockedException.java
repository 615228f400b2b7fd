package dev.backroute.repository;

/** Another process or host holds a repository lock that conflicts with the one asked for, and did not let go in time. */
public class RepositoryLockedException extends RepositoryException {
    public RepositoryLockedException(String message) {
        super(message);
    }
}
