package dev.backroute.retention;

import java.util.List;

/**
 * What cleanup did to one type (or, in a dry run, would do). {@code deleted} lists each backup removed
 * from at least one target; {@code kept} each backup retention keeps, with why; {@code errors} lists each
 * target that failed; {@code error} is set when the type was not cleaned at all (its lock was held, its
 * backups could not be listed).
 */
public record CleanupResult(String type, boolean dryRun, List<Deleted> deleted, List<Kept> kept, long bytesFreed,
                            List<TargetError> errors, String error) {

    public CleanupResult {
        deleted = List.copyOf(deleted);
        kept = List.copyOf(kept);
        errors = List.copyOf(errors);
    }

    /** A deleted backup: its id, why it went, the stored bytes freed and the targets it was removed from. */
    public record Deleted(String id, String reason, long bytes, List<String> targets) {
        public Deleted {
            targets = List.copyOf(targets);
        }
    }

    /** A backup retention keeps, and the rules that keep it. */
    public record Kept(String id, String reason) {}

    /** A target on which deleting a backup failed; {@code id} is null when the failure is not about one backup. */
    public record TargetError(String target, String id, String message) {}

    static CleanupResult notDone(String type, boolean dryRun, String error) {
        return new CleanupResult(type, dryRun, List.of(), List.of(), 0, List.of(), error);
    }

    public boolean success() {
        return error == null && errors.isEmpty();
    }

    public List<String> deletedIds() {
        return deleted.stream().map(Deleted::id).toList();
    }
}
