package dev.backroute.config;

/** Reads the optional {@code operations} section. */
final class OperationsReader {
    static final String DEFAULT_VALIDATE_ALL = "0 0 5 ? * SUN";
    static final String DEFAULT_PRUNE = "0 30 4 * * ?";

    private OperationsReader() {}

    static OperationsConfig read(Fields f) {
        boolean validateAfterBackup = f.bool("validate_after_backup", true);
        String validateAll = f.nonEmpty("validate_all_schedule", DEFAULT_VALIDATE_ALL);
        String cronProblem = Cron.problem(validateAll);
        f.check("validate_all_schedule", cronProblem == null, cronProblem);
        String prune = f.nonEmpty("prune_schedule", DEFAULT_PRUNE);
        String pruneProblem = Cron.problem(prune);
        f.check("prune_schedule", pruneProblem == null, pruneProblem);
        int overdue = f.integer("overdue_check_minutes", 15, 1, 24 * 60);
        int maxClockSkew = f.integer("max_clock_skew_minutes", 10, 1, 24 * 60);
        OperationsConfig.RetryPolicy retry = f.get("retry").object(r -> new OperationsConfig.RetryPolicy(
                r.integer("max_redeliveries", 3, 0, 20), r.integer("delay_seconds", 30, 0, 3600),
                r.integer("backoff_multiplier", 2, 1, 10)));
        return new OperationsConfig(validateAfterBackup, validateAll, prune, overdue, maxClockSkew, retry);
    }
}
