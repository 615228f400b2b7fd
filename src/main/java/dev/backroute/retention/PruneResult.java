package dev.backroute.retention;

import dev.backroute.repository.PruneReport;

import java.util.List;

/** A prune of one type: per storage target, what it reclaimed or why it could not. */
public record PruneResult(String type, boolean dryRun, List<OnTarget> targets) {

    public PruneResult {
        targets = List.copyOf(targets);
    }

    /** One target's repository: its report, or the error that stopped its prune (nothing deleted before it). */
    public record OnTarget(String target, PruneReport report, String error) {}

    public boolean success() {
        return targets.stream().allMatch(t -> t.error() == null);
    }

    public long bytesFreed() {
        return targets.stream().filter(t -> t.report() != null).mapToLong(t -> t.report().bytesFreed()).sum();
    }
}
