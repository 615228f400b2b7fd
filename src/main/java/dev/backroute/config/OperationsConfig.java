package dev.backroute.config;

import dev.backroute.repository.DataSubset;

import java.time.Duration;

/**
 * How {@code ./backroute run} operates beyond the per-type schedules, and what follows every backup run.
 *
 * @param validateAfterBackup whether every run (CLI or scheduled) reads back what it just stored and checks it against its manifest
 * @param validateAllSchedule cron of the pass that re-validates every kept backup, as the operator wrote it
 * @param validateSubsetSchedule cron of the pass that checks each repository type's structure and reads the next
 *                            {@code validateSubset} of its packs
 * @param validateSubset      how much pack data one subset pass reads on each target of a repository type
 * @param pruneSchedule       cron of the pass that prunes every repository type (retention already ran after each backup)
 * @param drillSchedule       cron of the recovery drill of every type whose {@code drill.enabled} is true
 * @param overdueCheckMinutes how often the dead-man's switch looks for types without a recent success
 * @param maxClockSkewMinutes how far in the future a manifest's {@code started_at} may be before it is
 *                            ignored for schedules and retention
 * @param retry               redelivery of a failed backup step before the failure is recorded and alerted
 */
public record OperationsConfig(boolean validateAfterBackup, String validateAllSchedule, String validateSubsetSchedule,
                               DataSubset validateSubset, String pruneSchedule, String drillSchedule, int overdueCheckMinutes,
                               int maxClockSkewMinutes, RetryPolicy retry) {

    public String validateAllQuartzSchedule() {
        return Cron.toQuartz(validateAllSchedule);
    }

    public String validateSubsetQuartzSchedule() {
        return Cron.toQuartz(validateSubsetSchedule);
    }

    public String pruneQuartzSchedule() {
        return Cron.toQuartz(pruneSchedule);
    }

    public String drillQuartzSchedule() {
        return Cron.toQuartz(drillSchedule);
    }

    public Duration maxClockSkew() {
        return Duration.ofMinutes(maxClockSkewMinutes);
    }

    /** A failed step is retried {@code maxRedeliveries} times, waiting {@code delaySeconds × backoffMultiplier^n}. */
    public record RetryPolicy(int maxRedeliveries, int delaySeconds, int backoffMultiplier) {}

}
