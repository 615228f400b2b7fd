package dev.backroute.drill;

import java.time.Duration;
import java.util.List;

/**
 * How one backup's drill went.
 *
 * @param scratch where it was restored ({@link Scratch#describe})
 * @param kept    the scratch target was left in place ({@code --keep})
 * @param restore time to restore; {@code check} time to run the checks
 */
public record DrillResult(String backupId, String scratch, boolean kept, Duration restore, Duration check, List<DrillCheck> checks) {
    public DrillResult {
        checks = List.copyOf(checks);
    }

    public boolean passed() {
        return !checks.isEmpty() && checks.stream().allMatch(DrillCheck::passed);
    }

    /** The first failed check, or null when all passed. */
    public DrillCheck firstFailure() {
        return checks.stream().filter(c -> !c.passed()).findFirst().orElse(null);
    }
}
