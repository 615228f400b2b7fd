package dev.backroute.ops;

import dev.backroute.BackrouteExchange;
import dev.backroute.camel.BackrouteRuntime;
import dev.backroute.camel.ManagementEndpoint;
import dev.backroute.camel.RuntimeMode;
import dev.backroute.catalog.BackupRecord;
import dev.backroute.catalog.Manifests;
import dev.backroute.config.BackupConfig;
import dev.backroute.testsupport.Cli;
import org.apache.camel.builder.NotifyBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The run runtime: a schedule of every two seconds fires, backs up, validates what it wrote and applies
 * retention; metrics and health are served over HTTP on 127.0.0.1.
 */
class RunRuntimeTest {

    @TempDir
    Path dir;

    @Test
    void scheduledRunsBackUpValidatePruneAndShowInMetricsAndHealth() throws Exception {
        Files.createDirectories(dir.resolve("src"));
        Files.writeString(dir.resolve("src/movies.csv"), "id,title\n1,Heat\n");
        Path config = dir.resolve("backup_config.json");
        Files.writeString(config, """
                { "backup_types": { "data_files": { "schedule": "*/2 * * * * ?", "retention_days": 30, "compression": "gzip",
                                                    "storage": ["local"], "source": { "paths": ["src"] } } },
                  "operations": { "retry": { "max_redeliveries": 2, "delay_seconds": 1 } } }
                """);
        // An old backup beyond retention, which the first scheduled run's cleanup must remove.
        assertThat(Cli.withConfig(config, "backup", "--type", "data_files").exitCode()).isZero();
        Path oldManifest = onlyManifest();
        BackupRecord old = Manifests.fromJson(Files.newInputStream(oldManifest), "old");
        Instant longAgo = Instant.now().minus(60, ChronoUnit.DAYS);
        Files.write(oldManifest, Manifests.toJson(new BackupRecord(old.formatVersion(), old.id(), old.runId(), old.type(), true, null,
                longAgo, longAgo.plusSeconds(1), old.artifact(), old.rawBytes(), old.storedBytes(), old.sha256(), old.contentSha256(),
                old.compression(), old.encryption(), old.storage(), old.source(), old.host(), old.backrouteVersion(), null)));

        int port = freePort();
        BackupConfig loaded = BackupConfig.loadFromFile(config, Map.of());
        try (BackrouteRuntime runtime = new BackrouteRuntime(loaded, Map.of(), Clock.systemUTC(), Path.of("routes"),
                RuntimeMode.service(ManagementEndpoint.of(loaded.management(), null, port, Map.of())))) {
            NotifyBuilder twoRuns = new NotifyBuilder(runtime.context()).fromRoute("schedule-data_files")
                    .filter(e -> e.getProperty(BackrouteExchange.GROUP) != null).whenCompleted(2).create();
            assertThat(twoRuns.matches(60, TimeUnit.SECONDS)).as("two scheduled runs completed").isTrue();

            List<BackupRecord> kept = records();
            assertThat(kept).extracting(BackupRecord::id).doesNotContain(old.id());
            assertThat(dir.resolve("backups/data_files").resolve(old.artifact())).doesNotExist();
            assertThat(kept).isNotEmpty().allMatch(BackupRecord::success);
            assertThat(kept.stream().filter(r -> r.validation() != null)).allMatch(r -> r.validation().success()).isNotEmpty();

            String metrics = get(port, "/observe/metrics");
            BackupRecord newest = kept.stream().max(java.util.Comparator.comparing(BackupRecord::startedAt)).orElseThrow();
            assertThat(metrics).contains("backroute_backup_raw_bytes{type=\"data_files\"} " + (double) newest.rawBytes());
            assertThat(metrics).contains("backroute_backups_total{result=\"success\",type=\"data_files\"}")
                    .contains("backroute_validations_total{result=\"success\",type=\"data_files\"}")
                    .contains("backroute_retention_deleted_total{type=\"data_files\"} 1.0")
                    .contains("backroute_last_success_timestamp_seconds{type=\"data_files\"}")
                    .contains("backroute_bytes_kept{target=\"local\",type=\"data_files\"}");
            assertThat(healthStatus(port)).isEqualTo("UP");
        }
    }

    @Test
    void healthIsDownWhenTheNewestBackupFailedValidation() throws Exception {
        Files.createDirectories(dir.resolve("src"));
        Files.writeString(dir.resolve("src/movies.csv"), "id,title\n1,Heat\n");
        Path config = dir.resolve("backup_config.json");
        Files.writeString(config, """
                { "backup_types": { "data_files": { "compression": "none", "storage": ["local"], "source": { "paths": ["src"] } } } }
                """);
        assertThat(Cli.withConfig(config, "backup", "--type", "data_files").exitCode()).isZero();
        int port = freePort();
        BackupConfig loaded = BackupConfig.loadFromFile(config, Map.of());
        try (BackrouteRuntime runtime = new BackrouteRuntime(loaded, Map.of(), Clock.systemUTC(), Path.of("routes"),
                RuntimeMode.service(ManagementEndpoint.of(loaded.management(), null, port, Map.of())))) {
            assertThat(healthStatus(port)).isEqualTo("UP");
            try (Stream<Path> s = Files.list(dir.resolve("backups/data_files"))) {
                Path artifact = s.filter(p -> p.toString().endsWith(".tar")).findFirst().orElseThrow();
                Files.writeString(artifact, "bit rot", java.nio.file.StandardOpenOption.APPEND);
            }
            assertThat(Cli.withConfig(config, "validate", "--type", "data_files", "--latest").exitCode()).isEqualTo(1);
            assertThat(healthStatus(port)).isEqualTo("DOWN");
        }
    }

    @Test
    void atStartUpEveryTypeThatMissedItsScheduleIsBackedUpEvenAfterOneFailsAndOneThatDidNotIsLeftAlone() throws Exception {
        Files.createDirectories(dir.resolve("src"));
        Files.writeString(dir.resolve("src/movies.csv"), "id,title\n1,Heat\n");
        Path config = dir.resolve("backup_config.json");
        // Once a year: no schedule fires while the test runs, so only the catch-up route backs up.
        Files.writeString(config, """
                { "backup_types": {
                    "quality_reports": { "schedule": "0 0 3 1 1 ?", "compression": "none", "storage": ["local"], "source": { "paths": ["src"] } },
                    "data_files": { "schedule": "0 0 3 1 1 ?", "compression": "none", "storage": ["local"], "source": { "paths": ["gone"] } },
                    "logs": { "schedule": "0 0 3 1 1 ?", "compression": "none", "storage": ["local"], "source": { "paths": ["src"] } } },
                  "operations": { "retry": { "max_redeliveries": 0 } } }
                """);
        // quality_reports succeeded since its last fire time: not due; it comes first, so a wrong catch-up of it
        // would happen before the runs awaited below. data_files (whose source is gone) and logs have never
        // been backed up: due, in that order.
        assertThat(Cli.withConfig(config, "backup", "--type", "quality_reports").exitCode()).isZero();
        List<String> reportsBefore = records("quality_reports").stream().map(BackupRecord::id).toList();

        int port = freePort();
        BackupConfig loaded = BackupConfig.loadFromFile(config, Map.of());
        try (BackrouteRuntime runtime = new BackrouteRuntime(loaded, Map.of(), Clock.systemUTC(), Path.of("routes"),
                RuntimeMode.service(ManagementEndpoint.of(loaded.management(), null, port, Map.of())))) {
            // The end state, not a route event: the split's own exchanges complete "from" catch-up as well.
            Instant deadline = Instant.now().plusSeconds(60);
            while ((records("data_files").isEmpty() || records("logs").isEmpty()
                    || !get(port, "/observe/metrics").contains("backroute_backups_total{result=\"success\",type=\"logs\"}"))
                    && Instant.now().isBefore(deadline)) {
                Thread.sleep(200);
            }

            assertThat(records("data_files")).hasSize(1).noneMatch(BackupRecord::success);
            assertThat(records("logs")).hasSize(1).allMatch(BackupRecord::success);
            assertThat(records("quality_reports")).extracting(BackupRecord::id).containsExactlyElementsOf(reportsBefore);
            // after-backup ran for the failed run too: its outcome is in the metrics.
            assertThat(get(port, "/observe/metrics")).contains("backroute_backups_total{result=\"failure\",type=\"data_files\"} 1.0")
                    .contains("backroute_backups_total{result=\"success\",type=\"logs\"} 1.0");
        }
    }

    private Path onlyManifest() throws Exception {
        try (Stream<Path> s = Files.list(dir.resolve("backups/data_files"))) {
            return s.filter(p -> p.toString().endsWith(Manifests.SUFFIX)).findFirst().orElseThrow();
        }
    }

    private List<BackupRecord> records() throws Exception {
        return records("data_files");
    }

    private List<BackupRecord> records(String type) throws Exception {
        if (!Files.isDirectory(dir.resolve("backups").resolve(type))) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(dir.resolve("backups").resolve(type))) {
            return s.filter(p -> p.toString().endsWith(Manifests.SUFFIX)).map(p -> {
                try {
                    return Manifests.fromJson(Files.newInputStream(p), p.toString());
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }).toList();
        }
    }

    private static String healthStatus(int port) throws Exception {
        return Manifests.mapper().readTree(get(port, "/observe/health")).get("status").asText();
    }

    static String get(int port, String path) throws Exception {
        HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).build(),
                HttpResponse.BodyHandlers.ofString());
        return r.body();
    }

    static int freePort() throws Exception {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
