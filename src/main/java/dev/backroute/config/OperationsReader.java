package dev.backroute.config;

import dev.backroute.repository.DataSubset;

/** Reads the optional {@code operations} section. */
final class OperationsReader {
    static final String DEFAULT_VALIDATE_ALL = "0 0 5 ? * SUN";
    static final String DEFAULT_PRUNE = "0 30 4 * * ?";
    /** 05:30 UTC on the 1st of each month: the seed runbook's monthly recovery test. */
    static final String DEFAULT_DRILL = "0 30 5 1 * ?";
    static final String DEFAULT_VALIDATE_SUBSET = "0 30 3 * * ?";
    static final String DEFAULT_SUBSET = "5%";

    private OperationsReader() {}

    static OperationsConfig read(Fields f) {
        boolean validateAfterBackup = f.bool("validate_after_backup", true);
        String validateAll = f.nonEmpty("validate_all_schedule", DEFAULT_VALIDATE_ALL);
        String cronProblem = Cron.problem(validateAll);
        f.check("validate_all_schedule", cronProblem == null, cronProblem);
        String prune = f.nonEmpty("prune_schedule", DEFAULT_PRUNE);
        String pruneProblem = Cron.problem(prune);
        f.check("prune_schedule", pruneProblem == null, pruneProblem);
        String drill = f.nonEmpty("drill_schedule", DEFAULT_DRILL);
        String drillProblem = Cron.problem(drill);
        f.check("drill_schedule", drillProblem == null, drillProblem);
        String validateSubset = f.nonEmpty("validate_subset_schedule", DEFAULT_VALIDATE_SUBSET);
        String subsetCronProblem = Cron.problem(validateSubset);
        f.check("validate_subset_schedule", subsetCronProblem == null, subsetCronProblem);
        DataSubset subset = dataSubset(f);
        int overdue = f.integer("overdue_check_minutes", 15, 1, 24 * 60);
        int maxClockSkew = f.integer("max_clock_skew_minutes", 10, 1, 24 * 60);
        OperationsConfig.RetryPolicy retry = f.get("retry").object(r -> new OperationsConfig.RetryPolicy(
                r.integer("max_redeliveries", 3, 0, 20), r.integer("delay_seconds", 30, 0, 3600),
                r.integer("backoff_multiplier", 2, 1, 10)));
        return new OperationsConfig(validateAfterBackup, validateAll, validateSubset, subset, prune, drill, overdue, maxClockSkew, retry);
    }

    private static DataSubset dataSubset(Fields f) {
        String spec = f.nonEmpty("validate_subset", DEFAULT_SUBSET);
        try {
            return DataSubset.parse(spec);
        } catch (IllegalArgumentException e) {
            f.check("validate_subset", false, e.getMessage());
            return DataSubset.parse(DEFAULT_SUBSET);
        }
    }
}
