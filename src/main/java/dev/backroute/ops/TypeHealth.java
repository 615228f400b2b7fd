package dev.backroute.ops;

import dev.backroute.catalog.BackupRecord;
import dev.backroute.catalog.BackupStatus;
import dev.backroute.catalog.Schedule;

import java.time.Duration;
import java.time.Instant;

/**
 * Whether a type is healthy: it is overdue when it has had no successful backup within two schedule
 * periods (a dead-man's switch that catches a scheduler that silently stopped), and unhealthy when its
 * newest successful backup failed its last validation. {@code period} is the schedule period that
 * judgement used (the one after the last success, or after the start of the runtime).
 */
public record TypeHealth(String type, boolean overdue, boolean validationFailed, Duration period, String detail) {

    /** {@code watchingSince}: when the runtime started, the reference for a type that never succeeded. */
    public static TypeHealth of(BackupStatus status, Instant now, Instant watchingSince) {
        BackupRecord last = status.lastSuccess();
        Instant reference = last == null ? watchingSince : last.startedAt();
        Duration period = new Schedule(status.schedule()).periodAfter(reference);
        boolean overdue = now.isAfter(reference.plus(period.multipliedBy(2)));
        boolean invalid = last != null && last.validation() != null && !last.validation().success();
        String detail;
        if (overdue) {
            detail = last == null ? "no successful backup since the runtime started " + Duration.between(reference, now).toMinutes()
                    + " minutes ago" : "last successful backup " + last.id() + " is older than two schedule periods";
        } else if (invalid) {
            detail = "newest backup " + last.id() + " failed validation: " + last.validation().error();
        } else {
            detail = last == null ? "no backup yet" : "last success " + last.id();
        }
        return new TypeHealth(status.type(), overdue, invalid, period, detail);
    }

    public boolean healthy() {
        return !overdue && !validationFailed;
    }
}
