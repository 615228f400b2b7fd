package dev.backroute.restore;

import dev.backroute.repository.SubsetReport;

import java.util.ArrayList;
import java.util.List;

/** A subset check of one repository type: per storage target, what it read and found, or why it could not run. */
public record SubsetResult(String type, List<OnTarget> targets) {

    public SubsetResult {
        targets = List.copyOf(targets);
    }

    /** One target's repository: its report, the error that stopped the check, or neither (no repository there yet). */
    public record OnTarget(String target, SubsetReport report, String error) {
        public boolean success() {
            return error == null && (report == null || report.ok());
        }
    }

    public boolean success() {
        return targets.stream().allMatch(OnTarget::success);
    }

    /** What is wrong, one line each, naming the type and target; a damaged pack with the backups that need it. */
    public List<String> errors() {
        List<String> lines = new ArrayList<>();
        for (OnTarget t : targets) {
            String where = type + " on " + t.target() + ": ";
            if (t.error() != null) {
                lines.add(where + t.error());
            }
            if (t.report() != null) {
                t.report().problems().forEach(p -> lines.add(where + p));
                t.report().damaged().forEach(d -> lines.add(where + d.error() + (d.backups().isEmpty() ? "; no kept backup uses it"
                        : "; backups that need it: " + String.join(", ", d.backups()))));
            }
        }
        return lines;
    }

    /** The first backup a damaged pack takes down, for the alert; null when none is known. */
    public String firstAffectedBackup() {
        return targets.stream().filter(t -> t.report() != null).flatMap(t -> t.report().damaged().stream())
                .flatMap(d -> d.backups().stream()).findFirst().orElse(null);
    }
}
