package dev.backroute.ops;

import dev.backroute.catalog.BackupRecord;
import dev.backroute.catalog.BackupStatus;
import dev.backroute.catalog.TypeSizes;
import dev.backroute.cluster.ClusterMembers;
import dev.backroute.drill.DrillCheck;
import dev.backroute.drill.DrillRecord;
import dev.backroute.config.BackupConfig;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The series the shipped monitoring (deploy/prometheus, deploy/grafana) relies on: each type's standing,
 * storage target reachability, and that every metric name those files use is one Backroute exports.
 */
class MonitoringMetricsTest {
    private static final Instant NOW = Instant.parse("2026-11-25T12:00:00Z");
    private static final Pattern METRIC = Pattern.compile("backroute_[a-z_]+");

    @TempDir
    Path dir;

    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final BackupMetrics metrics = new BackupMetrics(() -> registry);

    @Test
    void aTypesStandingIsExportedFromTheCatalogWithItsCountersAtZero() {
        Instant succeeded = NOW.minus(Duration.ofHours(20));
        Instant failed = NOW.minus(Duration.ofHours(2));
        BackupRecord.ValidationInfo invalid = new BackupRecord.ValidationInfo(NOW, false, "checksum differs");
        BackupStatus status = status(record(succeeded, true, invalid), record(failed, false, null));

        metrics.standing(status, TypeHealth.of(status, NOW, NOW));

        assertThat(registry.scrape().lines().toList()).contains(
                "backroute_last_success_timestamp_seconds{type=\"data_files\"} " + (double) succeeded.getEpochSecond(),
                "backroute_last_failure_timestamp_seconds{type=\"data_files\"} " + (double) failed.getEpochSecond(),
                "backroute_schedule_period_seconds{type=\"data_files\"} 86400.0",
                "backroute_backup_overdue{type=\"data_files\"} 0.0",
                "backroute_validation_failing{type=\"data_files\"} 1.0",
                "backroute_backups_total{result=\"failure\",type=\"data_files\"} 0.0",
                "backroute_validations_total{result=\"failure\",type=\"data_files\"} 0.0");
    }

    @Test
    void theMemberThatMadeTheNewestSuccessfulBackupIsNamedAndTheOneBeforeItNoLonger() {
        Instant first = NOW.minus(Duration.ofHours(20));
        metrics.kept(status(record(first, true, null, "host-a"), null));
        metrics.kept(status(record(first.plusSeconds(3600), true, null, "host-b\u001b[2J"), null));

        assertThat(registry.scrape().lines().toList()).contains(
                "backroute_last_success_member{member=\"host-a\",type=\"data_files\"} 0.0",
                "backroute_last_success_member{member=\"host-b?[2J\",type=\"data_files\"} 1.0");
    }

    @Test
    void aStorageTargetThatDoesNotAnswerIsDownAndAWorkingOneUp() throws Exception {
        int closedPort;
        try (ServerSocket s = new ServerSocket(0)) {
            closedPort = s.getLocalPort();
        }
        Files.writeString(dir.resolve("key-id"), "test-key-id");
        Files.writeString(dir.resolve("secret"), "test-secret-value");
        Files.writeString(dir.resolve("backup_config.json"), """
                { "backup_types": { "data_files": { "compression": "gzip", "storage": ["local", "s3"], "source": { "paths": ["src"] } } },
                  "storage": { "local": { "type": "local", "path": "backups" },
                               "s3": { "type": "s3", "bucket": "movie-backups", "endpoint": "http://127.0.0.1:%d",
                                       "access_key_id_file": "key-id", "secret_access_key_file": "secret" } } }
                """.formatted(closedPort));
        BackupConfig config = BackupConfig.loadFromFile(dir.resolve("backup_config.json"), Map.of());

        new TargetProbe(config, metrics).probeAll();

        assertThat(registry.scrape().lines().toList()).contains(
                "backroute_storage_target_up{target=\"local\"} 1.0",
                "backroute_storage_target_up{target=\"s3\"} 0.0");
    }

    @Test
    void aTargetWhoseRepositoryCouldNotBeListedExportsItsLogicalSizeAndNaNForWhatItStores() {
        metrics.sizes("data_files", Map.of("local", new TypeSizes.OnTarget(300, 100L, 3.0, null)));
        metrics.sizes("data_files", Map.of("local", new TypeSizes.OnTarget(300, null, null, "cannot list the repository of data_files on target 'local': …")));

        assertThat(registry.scrape().lines().toList()).contains(
                "backroute_logical_bytes{target=\"local\",type=\"data_files\"} 300.0",
                "backroute_stored_bytes{target=\"local\",type=\"data_files\"} NaN",
                "backroute_dedup_ratio{target=\"local\",type=\"data_files\"} NaN");
    }

    @Test
    void everyMetricTheShippedRulesAndDashboardUseIsExported() throws IOException {
        BackupStatus status = status(record(NOW.minusSeconds(60), true, null), record(NOW.minusSeconds(600), false, null));
        metrics.backup(record(NOW.minusSeconds(60), true, null));
        metrics.backup(record(NOW.minusSeconds(600), false, null));
        metrics.validation("data_files", true);
        metrics.retentionDeleted("data_files", 1);
        metrics.standing(status, TypeHealth.of(status, NOW, NOW));
        metrics.targetUp("local", true);
        metrics.sizes("data_files", Map.of("local", new TypeSizes.OnTarget(300, 100L, 3.0, null)));
        metrics.drill(new DrillRecord(DrillRecord.FORMAT_VERSION, DrillRecord.KIND, "data_files", "data_files_20261201_010000", "host",
                NOW.minusSeconds(30), NOW, true, null, List.of(new DrillRecord.Backup("data_files_20261201_010000", "folder /tmp/x", false,
                2.5, 0.5, List.of(DrillCheck.passed("restore", "restored"))))), true);
        new ClusterMetrics(() -> registry).reached(new ClusterMembers.Roster(NOW, List.of(new ClusterMembers.Member("host-a", NOW, NOW, 15, null))));
        Set<String> exported = registry.scrape().lines().filter(l -> !l.startsWith("#") && !l.isBlank())
                .map(l -> l.split("[{ ]", 2)[0]).collect(Collectors.toCollection(TreeSet::new));

        for (Path file : List.of(Path.of("deploy/prometheus/backroute-rules.yml"), Path.of("deploy/prometheus/backroute-rules.test.yml"),
                Path.of("deploy/grafana/backroute-dashboard.json"))) {
            Set<String> used = new TreeSet<>();
            Matcher m = METRIC.matcher(Files.readString(file));
            while (m.find()) {
                used.add(m.group());
            }
            assertThat(used).as("metrics used by " + file).isNotEmpty();
            assertThat(exported).as("metrics exported, against those " + file + " uses").containsAll(used);
        }
    }

    private static BackupStatus status(BackupRecord lastSuccess, BackupRecord lastFailure) {
        return new BackupStatus("data_files", true, "0 0 1 * * ?", lastSuccess, lastFailure, NOW, 1, Map.of("local", 10L), List.of(), List.of(),
                Map.of("local", 20L));
    }

    private static BackupRecord record(Instant started, boolean success, BackupRecord.ValidationInfo validation) {
        return record(started, success, validation, "h");
    }

    private static BackupRecord record(Instant started, boolean success, BackupRecord.ValidationInfo validation, String host) {
        return new BackupRecord(1, "data_files_x", "data_files_x", "data_files", success, success ? null : "source missing", started,
                started.plusSeconds(5), "data_files_x.tar.gz", 10, 5, "a", "b", new BackupRecord.CompressionInfo("gzip", 6), null, List.of(),
                Map.of("kind", "files"), host, "v", validation);
    }
}
