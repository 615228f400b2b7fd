package dev.backroute.catalog;

/** The backup an operator named does not exist; a usage problem rather than a failed backup. */
public class BackupNotFoundException extends RuntimeException {
    public BackupNotFoundException(String message) {
        super(message);
    }
}
