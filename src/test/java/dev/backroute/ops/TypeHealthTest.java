package dev.backroute.ops;

import dev.backroute.catalog.BackupRecord;
import dev.backroute.catalog.BackupStatus;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The dead-man's switch and the health verdict: overdue after two schedule periods without a success. */
class TypeHealthTest {
    private static final String DAILY = "0 0 1 * * ?";
    private static final Instant NOW = Instant.parse("2026-11-25T12:00:00Z");

    @Test
    void aDailyTypeIsOverdueOnlyAfterTwoDaysWithoutASuccess() {
        assertThat(TypeHealth.of(status(success(NOW.minus(Duration.ofHours(30)), null)), NOW, NOW).overdue()).isFalse();
        TypeHealth stale = TypeHealth.of(status(success(NOW.minus(Duration.ofHours(50)), null)), NOW, NOW);
        assertThat(stale.overdue()).isTrue();
        assertThat(stale.healthy()).isFalse();
        assertThat(stale.detail()).contains("older than two schedule periods");
    }

    @Test
    void aTypeThatNeverSucceededIsMeasuredFromWhenTheRuntimeStarted() {
        assertThat(TypeHealth.of(status(null), NOW, NOW.minus(Duration.ofHours(3))).overdue()).isFalse();
        assertThat(TypeHealth.of(status(null), NOW, NOW.minus(Duration.ofDays(3))).overdue()).isTrue();
    }

    @Test
    void aFailedValidationOfTheNewestBackupIsUnhealthy() {
        BackupRecord.ValidationInfo failed = new BackupRecord.ValidationInfo(NOW, false, "checksum differs");
        TypeHealth h = TypeHealth.of(status(success(NOW.minus(Duration.ofHours(2)), failed)), NOW, NOW);
        assertThat(h.overdue()).isFalse();
        assertThat(h.validationFailed()).isTrue();
        assertThat(h.healthy()).isFalse();
        assertThat(h.detail()).contains("checksum differs");
    }

    private static BackupStatus status(BackupRecord lastSuccess) {
        return new BackupStatus("data_files", true, DAILY, lastSuccess, null, NOW, lastSuccess == null ? 0 : 1, Map.of(),
                List.of(), List.of(), Map.of());
    }

    private static BackupRecord success(Instant started, BackupRecord.ValidationInfo validation) {
        return new BackupRecord(1, "data_files_x", "data_files_x", "data_files", true, null, started, started.plusSeconds(5),
                "data_files_x.tar.gz", 10, 5, "a", "b", new BackupRecord.CompressionInfo("gzip", 6), null, List.of(),
                Map.of("kind", "files"), "h", "v", validation);
    }
}
