package dev.backroute.restore;

/** Recovery would overwrite existing data and the operator did not ask for that. */
public class DestinationNotEmptyException extends RuntimeException {
    public DestinationNotEmptyException(String message) {
        super(message);
    }
}
