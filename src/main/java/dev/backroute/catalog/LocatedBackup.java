package dev.backroute.catalog;

import dev.backroute.storage.StorageTarget;

import java.util.List;

/** A backup's manifest together with the copies of its artifact that can be read, in the type's storage order. */
public record LocatedBackup(BackupRecord record, List<Copy> copies) {

    /**
     * One readable copy. {@code target} is the storage target holding it, or null when the operator gave
     * the artifact's file path directly (then there is no catalog to write a validation result back to).
     */
    public record Copy(String name, ArtifactSource artifact, StorageTarget target) {}
}
