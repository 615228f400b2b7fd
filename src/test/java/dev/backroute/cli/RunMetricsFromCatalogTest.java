package dev.backroute.cli;

import dev.backroute.catalog.BackupRecord;
import dev.backroute.catalog.BackupStatus;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A restarted {@code run} exports what the storage holds at once, so the staleness alert is not blind
 * until each type's next backup (a week for weekly types).
 */
class RunMetricsFromCatalogTest {
    private static final String TOKEN = "metrics-at-start-token-93b2";

    @TempDir
    Path dir;

    @Test
    void runExportsLastSuccessLastFailureCountsBytesKeptAndSizesBeforeAnyBackupOfItsOwn() throws Exception {
        BackupsWithAFailure storage = BackupsWithAFailure.write(dir, ", \"management\": { \"token_env\": \"MGMT_TOKEN\" }");
        BackupStatus files = storage.status("data_files");
        BackupStatus reports = storage.status("quality_reports");
        int port = ManagementServerTest.freePort();

        String metrics;
        try (RunProcess run = RunProcess.start(dir, storage.config, Map.of("MGMT_TOKEN", TOKEN), "--http-port", Integer.toString(port))) {
            metrics = ManagementServerTest.get(port, "/observe/metrics", "Bearer " + TOKEN).body();
        }

        // Nothing was backed up by this process: every figure below comes from the manifests.
        assertThat(metrics).doesNotContain("backroute_backups_total");
        assertThat(storage.backups("data_files")).hasSize(3);
        assertThat(value(metrics, "backroute_last_success_timestamp_seconds{type=\"data_files\"}"))
                .hasValue(files.lastSuccess().startedAt().getEpochSecond());
        assertThat(value(metrics, "backroute_last_failure_timestamp_seconds{type=\"data_files\"}"))
                .hasValue(files.lastFailure().startedAt().getEpochSecond());
        assertThat(value(metrics, "backroute_backups_kept{type=\"data_files\"}")).hasValue(2);
        assertThat(value(metrics, "backroute_bytes_kept{target=\"local\",type=\"data_files\"}"))
                .hasValue(storage.backups("data_files").stream().filter(BackupRecord::success).mapToLong(BackupRecord::storedBytes).sum());
        assertThat(value(metrics, "backroute_backup_stored_bytes{type=\"data_files\"}")).hasValue(files.lastSuccess().storedBytes());
        assertThat(value(metrics, "backroute_backup_raw_bytes{type=\"data_files\"}")).hasValue(files.lastSuccess().rawBytes());
        long raw = storage.backups("data_files").stream().filter(BackupRecord::success).mapToLong(BackupRecord::rawBytes).sum();
        long stored = storage.backups("data_files").stream().filter(BackupRecord::success).mapToLong(BackupRecord::storedBytes).sum();
        assertThat(value(metrics, "backroute_logical_bytes{target=\"local\",type=\"data_files\"}")).hasValue(raw);
        assertThat(value(metrics, "backroute_stored_bytes{target=\"local\",type=\"data_files\"}")).hasValue(stored);
        assertThat(value(metrics, "backroute_dedup_ratio{target=\"local\",type=\"data_files\"}")).hasValue(Math.round(raw * 1000.0 / stored) / 1000.0);

        assertThat(value(metrics, "backroute_last_success_timestamp_seconds{type=\"quality_reports\"}"))
                .hasValue(reports.lastSuccess().startedAt().getEpochSecond());
        assertThat(value(metrics, "backroute_backups_kept{type=\"quality_reports\"}")).hasValue(1);
        assertThat(value(metrics, "backroute_bytes_kept{target=\"local\",type=\"quality_reports\"}")).hasValue(reports.lastSuccess().storedBytes());
        assertThat(metrics).as("a type that never failed has no failure time").doesNotContain("backroute_last_failure_timestamp_seconds{type=\"quality_reports\"}");
    }

    /** The value of the one sample {@code series} (name and labels as Prometheus prints them), if present. */
    static OptionalDouble value(String metrics, String series) {
        Matcher m = Pattern.compile("^" + Pattern.quote(series) + " (\\S+)$", Pattern.MULTILINE).matcher(metrics);
        return m.find() ? OptionalDouble.of(Double.parseDouble(m.group(1))) : OptionalDouble.empty();
    }
}
