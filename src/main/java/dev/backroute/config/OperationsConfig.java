package dev.backroute.config;

/**
 * How {@code ./backroute run} operates beyond the per-type schedules.
 *
 * @param validateAllSchedule Quartz cron of the pass that re-validates every kept backup
 * @param overdueCheckMinutes how often the dead-man's switch looks for types without a recent success
 * @param retry               redelivery of a failed backup step before the failure is recorded and alerted
 */
public record OperationsConfig(String validateAllSchedule, int overdueCheckMinutes, RetryPolicy retry) {

    /** A failed step is retried {@code maxRedeliveries} times, waiting {@code delaySeconds × backoffMultiplier^n}. */
    public record RetryPolicy(int maxRedeliveries, int delaySeconds, int backoffMultiplier) {}

}
