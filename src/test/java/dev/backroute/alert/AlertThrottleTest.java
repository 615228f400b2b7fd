package dev.backroute.alert;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

/** The throttle's rules and its state file, without Camel. */
class AlertThrottleTest {
    @TempDir
    Path dir;

    private final MovableClock clock = new MovableClock(Instant.parse("2026-11-25T01:00:00Z"));

    private AlertThrottle throttle() {
        return new AlertThrottle(dir, Duration.ofMinutes(240), clock);
    }

    private Alert failure(Alert.Kind kind) {
        return new Alert(kind, "postgresql", "h", "boom", null, null, clock.instant(), null);
    }

    @Test
    void firstSentRepeatsCountedReminderAfterTheWindow() {
        AlertThrottle t = throttle();
        assertThat(t.onFailure(failure(Alert.Kind.BACKUP_FAILED))).hasValueSatisfying(n -> assertThat(n.reminder()).isFalse());
        clock.advance(Duration.ofMinutes(239));
        assertThat(t.onFailure(failure(Alert.Kind.BACKUP_FAILED))).isEmpty();
        clock.advance(Duration.ofMinutes(1));
        assertThat(t.onFailure(failure(Alert.Kind.BACKUP_FAILED))).hasValueSatisfying(n -> {
            assertThat(n.reminder()).isTrue();
            assertThat(n.failuresSinceLastAlert()).isEqualTo(2);
            assertThat(n.lastAlertAt()).isEqualTo(Instant.parse("2026-11-25T01:00:00Z"));
        });
    }

    @Test
    void aSuccessClosesEverySeriesOfTheTypeOnce() {
        AlertThrottle t = throttle();
        t.onFailure(failure(Alert.Kind.BACKUP_FAILED));
        t.onFailure(failure(Alert.Kind.BACKUP_FAILED));
        t.onFailure(failure(Alert.Kind.OVERDUE));

        assertThat(t.onSuccess("postgresql")).hasValueSatisfying(n -> {
            assertThat(n.alert().kind()).isEqualTo(Alert.Kind.RECOVERED);
            assertThat(n.failuresSinceLastAlert()).isEqualTo(3);
            assertThat(n.recoveredKinds()).isEqualTo("backup FAILED, backup OVERDUE");
        });
        assertThat(t.onSuccess("postgresql")).isEmpty();
    }

    @Test
    void aSuccessDoesNotEndTheFutureDatedSeriesWhoseManifestsAreStillThere() {
        AlertThrottle t = throttle();
        t.onFailure(failure(Alert.Kind.BACKUP_FAILED));
        assertThat(t.onFailure(failure(Alert.Kind.FUTURE_DATED))).isPresent();

        assertThat(t.onSuccess("postgresql")).hasValueSatisfying(n -> assertThat(n.recoveredKinds()).isEqualTo("backup FAILED"));
        clock.advance(Duration.ofMinutes(15));
        assertThat(t.onFailure(failure(Alert.Kind.FUTURE_DATED))).as("still throttled: the problem never went away").isEmpty();
        clock.advance(Duration.ofMinutes(240));
        assertThat(t.onFailure(failure(Alert.Kind.FUTURE_DATED))).hasValueSatisfying(n -> assertThat(n.reminder()).isTrue());
    }

    @Test
    void theClusterDatabaseBackEndsOnlyItsOwnSeriesAndNoBackupEndsIt() {
        AlertThrottle t = throttle();
        Alert unreachable = new Alert(Alert.Kind.CLUSTER_UNREACHABLE, "cluster", "host-a", "cluster database … cannot be used", null, null,
                clock.instant(), null);
        Alert reachable = new Alert(Alert.Kind.CLUSTER_REACHABLE, "cluster", "host-a", "", null, null, clock.instant(), null);
        // A backup type may be called "cluster" too: its series and the database's live side by side.
        assertThat(t.onFailure(new Alert(Alert.Kind.BACKUP_FAILED, "cluster", "host-a", "boom", null, null, clock.instant(), null))).isPresent();
        assertThat(t.onFailure(unreachable)).hasValueSatisfying(n -> assertThat(n.reminder()).isFalse());
        assertThat(t.onFailure(unreachable)).isEmpty();

        assertThat(t.onSuccess("cluster")).hasValueSatisfying(n -> assertThat(n.recoveredKinds()).isEqualTo("backup FAILED"));
        assertThat(t.onFailure(reachable)).hasValueSatisfying(n -> {
            assertThat(n.alert().kind()).isEqualTo(Alert.Kind.CLUSTER_REACHABLE);
            assertThat(n.failuresSinceLastAlert()).isEqualTo(2);
            assertThat(n.recoveredKinds()).isEqualTo("scheduler UNREACHABLE");
        });
        assertThat(t.onFailure(reachable)).as("nothing left open").isEmpty();
        assertThat(t.onFailure(unreachable)).as("the next outage is news again").hasValueSatisfying(n -> assertThat(n.reminder()).isFalse());
    }

    @Test
    void stateIsSharedThroughTheOwnerOnlyFile() throws Exception {
        throttle().onFailure(failure(Alert.Kind.BACKUP_FAILED));

        Path state = dir.resolve(".alerts/state.json");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(state))).isEqualTo("rw-------");
        assertThat(Files.readString(state)).contains("\"first_failure_at\" : \"2026-11-25T01:00:00Z\"");
        try (var files = Files.list(dir.resolve(".alerts"))) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder("state.json", "state.lock");
        }
        // Another process (a later CLI run) sees the open series.
        assertThat(throttle().onFailure(failure(Alert.Kind.BACKUP_FAILED))).isEmpty();
    }

    @Test
    void aDamagedStateFileIsReplacedAndTheAlertStillSent() throws Exception {
        Files.createDirectories(dir.resolve(".alerts"));
        Files.writeString(dir.resolve(".alerts/state.json"), "{ not json");
        try (LogCapture logs = new LogCapture()) {
            assertThat(throttle().onFailure(failure(Alert.Kind.BACKUP_FAILED))).isPresent();
            assertThat(logs.lines(ch.qos.logback.classic.Level.WARN)).anyMatch(l -> l.contains("unreadable"));
        }
        assertThat(throttle().onFailure(failure(Alert.Kind.BACKUP_FAILED))).isEmpty();
    }
}
