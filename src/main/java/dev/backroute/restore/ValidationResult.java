package dev.backroute.restore;

import java.util.List;

/** The outcome of validating one backup: every stored copy is checked, and all must pass. */
public record ValidationResult(String backupId, boolean success, String errorMessage, List<CopyResult> copies) {

    public record CopyResult(String target, boolean success, String detail) {}

    static ValidationResult of(String backupId, List<CopyResult> copies) {
        String error = copies.stream().filter(c -> !c.success()).map(c -> c.target() + ": " + c.detail())
                .reduce((a, b) -> a + "; " + b).orElse(null);
        return new ValidationResult(backupId, error == null && !copies.isEmpty(), error, copies);
    }
}
