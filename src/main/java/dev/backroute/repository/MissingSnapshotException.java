package dev.backroute.repository;

/** A snapshot that a kept backup's manifest names is not in the repository: prune refuses to go on. */
public final class MissingSnapshotException extends RepositoryCorruptException {
    private final String snapshot;

    MissingSnapshotException(String snapshot) {
        super("snapshot " + snapshot + ", which a kept backup's manifest names, is not in the repository: prune deleted"
                + " nothing; run validate to see which backup lost it");
        this.snapshot = snapshot;
    }

    public String snapshot() {
        return snapshot;
    }
}
