package dev.backroute.alert;

import ch.qos.logback.classic.Level;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.backroute.BackrouteExchange;
import dev.backroute.camel.AlertRecorder;
import dev.backroute.camel.BackrouteRuntime;
import dev.backroute.camel.BackupOutcome;
import dev.backroute.camel.ManagementEndpoint;
import dev.backroute.camel.RuntimeMode;
import dev.backroute.catalog.BackupCatalog;
import dev.backroute.catalog.BackupManager;
import dev.backroute.catalog.BackupRecord;
import dev.backroute.catalog.Manifests;
import dev.backroute.config.BackupConfig;
import dev.backroute.ops.TypeAlerts;
import dev.backroute.testsupport.Cli;
import org.apache.camel.Consumer;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.spi.CamelEvent;
import org.apache.camel.support.DefaultExchange;
import org.apache.camel.support.EventNotifierSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The steps record alerts on the exchange and the YAML routes raise them (direct:raise-alerts): each one
 * reaches direct:alert or direct:backup-succeeded exactly once, whichever route recorded it, and raising
 * never changes how the run ended. The run runtime's routes are fired through their own consumer, as
 * quartz or the timer fires them; CLI runs go through {@link BackrouteRuntime#backup}.
 */
class RaisedAlertsTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    private WebhookServer webhook;
    private Path config;

    @BeforeEach
    void setUp() throws IOException {
        webhook = new WebhookServer();
        Files.createDirectories(dir.resolve("src"));
        Files.writeString(dir.resolve("src/movies.csv"), "id,title\n1,Heat\n");
        config = dir.resolve("backup_config.json");
        Files.writeString(config, """
                { "backup_types": { "data_files": { "schedule": "0 0 1 * * ?", "retention_days": 30, "storage": ["local"],
                                                    "source": { "paths": ["src"] } } },
                  "alerts": { "email": { "enabled": false }, "slack": %s, "throttle_minutes": 60 },
                  "operations": { "retry": { "max_redeliveries": 0, "delay_seconds": 0 } } }
                """.formatted(AlertRuntime.slackOn()));
    }

    @AfterEach
    void tearDown() {
        webhook.close();
    }

    @Test
    void aFailedScheduledRunRaisesOneAlertAndTheNextGoodRunOneRecovered() throws Exception {
        backUpWithTheCli();   // a recent success: the catch-up route at start-up has nothing to run
        Files.move(dir.resolve("src"), dir.resolve("src.away"));
        try (BackrouteRuntime runtime = service(Clock.systemUTC())) {
            Raised raised = Raised.in(runtime);

            Exchange failed = fire(runtime, "schedule-data_files");

            assertThat(failed.getException()).isNull();
            assertThat(raised.all()).singleElement().asString().startsWith("alert BACKUP_FAILED data_files: ");
            assertThat(slackTexts()).singleElement().asString().startsWith("data_files backup FAILED on ");

            Files.move(dir.resolve("src.away"), dir.resolve("src"));
            fire(runtime, "schedule-data_files");

            assertThat(raised.all()).hasSize(2).last().isEqualTo("succeeded data_files");
            assertThat(slackTexts()).hasSize(2).last().asString().startsWith("data_files backup RECOVERED on ");
        }
    }

    @Test
    void aBackupThatFailsInTheSharedPipelineRaisesOneAlert() throws Exception {
        try (BackrouteRuntime runtime = oneShot(Clock.systemUTC())) {
            Raised raised = Raised.in(runtime);
            Files.createDirectories(dir.resolve("backups"));
            Files.writeString(dir.resolve("backups/data_files"), "a file where the type's folder goes");

            BackupOutcome outcome = runtime.backup(runtime.newBackupExchange("data_files", null));

            assertThat(outcome.succeeded()).isFalse();
            assertThat(outcome.errorMessage()).contains("storing on target 'local' failed");
            assertThat(raised.all()).singleElement().asString().startsWith("alert BACKUP_FAILED data_files: ")
                    .contains("storing on target 'local' failed");
        }
    }

    @Test
    void alertsThatCannotBeSentLeaveEachRunAsItEnded() throws Exception {
        webhook.answer(500);
        try (BackrouteRuntime runtime = oneShot(Clock.systemUTC()); LogCapture logs = new LogCapture()) {
            Files.move(dir.resolve("src"), dir.resolve("src.away"));
            BackupOutcome failed = runtime.backup(runtime.newBackupExchange("data_files", null));
            Files.move(dir.resolve("src.away"), dir.resolve("src"));
            BackupOutcome succeeded = runtime.backup(runtime.newBackupExchange("data_files", null));

            assertThat(failed.succeeded()).isFalse();
            assertThat(failed.errorMessage()).endsWith(": source path " + dir.resolve("src") + " does not exist");
            assertThat(succeeded.succeeded()).isTrue();
            assertThat(logs.lines(Level.WARN)).filteredOn(l -> l.contains("UnsentAlertLog - ")).containsExactly(
                    UnsentAlertLog.class.getName() + " - alert BACKUP_FAILED for data_files not sent by slack: Slack webhook answered HTTP 500: internal_error",
                    UnsentAlertLog.class.getName() + " - alert RECOVERED for data_files not sent by slack: Slack webhook answered HTTP 500: internal_error");
            assertThat(webhook.requests()).hasSize(2);
        }
    }

    @Test
    void aCleanupThatFailsAfterABackupRaisesItsAlertAfterTheSuccess() throws Exception {
        BackupRecord old = backUpWithTheCli();
        Path manifest = dir.resolve("backups/data_files").resolve(old.manifestName());
        Instant longAgo = Instant.now().minus(60, ChronoUnit.DAYS);
        Files.write(manifest, Manifests.toJson(new BackupRecord(old.formatVersion(), old.id(), old.runId(), old.type(), true, null,
                longAgo, longAgo.plusSeconds(1), old.artifact(), old.rawBytes(), old.storedBytes(), old.sha256(), old.contentSha256(),
                old.compression(), old.encryption(), old.storage(), old.source(), old.host(), old.backrouteVersion(), null)));
        // A folder with something in it where the artifact was: retention deletes the manifest, not the artifact.
        Path artifact = dir.resolve("backups/data_files").resolve(old.artifact());
        Files.delete(artifact);
        Files.createDirectories(artifact.resolve("held"));

        try (BackrouteRuntime runtime = oneShot(Clock.systemUTC())) {
            Raised raised = Raised.in(runtime);

            BackupOutcome outcome = runtime.backup(runtime.newBackupExchange("data_files", null));

            assertThat(outcome.error()).isNull();
            assertThat(raised.all()).hasSize(2);
            assertThat(raised.all().get(0)).isEqualTo("succeeded data_files");
            assertThat(raised.all().get(1)).startsWith("alert CLEANUP_FAILED data_files: ").contains(old.artifact());
            assertThat(slackTexts()).singleElement().asString().startsWith("data_files cleanup FAILED on ");
        }
    }

    @Test
    void aBackupThatNoLongerReadsBackRaisesOneValidationAlert() throws Exception {
        BackupRecord record = backUpWithTheCli();
        Files.write(dir.resolve("backups/data_files").resolve(record.artifact()), new byte[] {1, 2, 3}, StandardOpenOption.APPEND);
        try (BackrouteRuntime runtime = service(Clock.systemUTC())) {
            Raised raised = Raised.in(runtime);

            fire(runtime, "validate-all");

            assertThat(raised.all()).singleElement().asString().startsWith("alert VALIDATION_FAILED data_files: ");
            assertThat(slackTexts()).singleElement().asString().startsWith("data_files validation FAILED on ");
        }
    }

    @Test
    void aDamagedPackFoundByTheScheduledSubsetPassRaisesOneValidationAlertNamingItAndItsBackup() throws Exception {
        Files.writeString(config, Files.readString(config)
                .replace("\"retention_days\": 30,", "\"retention_days\": 30, \"format\": \"repository\",")
                .replace("\"operations\": {", "\"operations\": { \"validate_subset\": \"100%\","));
        BackupRecord record = backUpWithTheCli();
        Path pack;
        try (Stream<Path> files = Files.walk(dir.resolve("backups/data_files/repository/data"))) {
            pack = files.filter(Files::isRegularFile).findFirst().orElseThrow();
        }
        byte[] bytes = Files.readAllBytes(pack);
        bytes[bytes.length / 4] ^= 1;
        Files.write(pack, bytes);
        try (BackrouteRuntime runtime = service(Clock.systemUTC())) {
            Raised raised = Raised.in(runtime);

            fire(runtime, "validate-subset");

            assertThat(raised.all()).singleElement().asString().startsWith("alert VALIDATION_FAILED data_files: data_files on local: ")
                    .contains(pack.getFileName().toString()).contains(record.id());
            assertThat(slackTexts()).singleElement().asString().startsWith("data_files validation FAILED on ");
        }
    }

    @Test
    void theScheduledValidationRaisesATypesAlertBeforeItReadsTheNextType() throws Exception {
        Files.createDirectories(dir.resolve("logs"));
        Files.writeString(dir.resolve("logs/app.log"), "started\n");
        Files.writeString(config, Files.readString(config).replace("\"backup_types\": {",
                "\"backup_types\": { \"logs\": { \"storage\": [\"local\"], \"source\": { \"paths\": [\"logs\"] } },"));
        BackupRecord damaged = backUpWithTheCli();
        assertThat(Cli.withConfig(AlertRuntime.env(webhook.url()), config, "backup", "--type", "logs").exitCode()).isZero();
        Path logsManifest;
        try (Stream<Path> files = Files.list(dir.resolve("backups/logs"))) {
            logsManifest = files.filter(f -> f.getFileName().toString().endsWith(".manifest.json")).findFirst().orElseThrow();
        }
        Files.write(dir.resolve("backups/data_files").resolve(damaged.artifact()), new byte[] {1, 2, 3}, StandardOpenOption.APPEND);
        Instant readBack = validatedAt(logsManifest);   // by the check after its backup
        List<Instant> logsValidatedWhenAlerted = new CopyOnWriteArrayList<>();
        try (BackrouteRuntime runtime = service(Clock.systemUTC())) {
            Raised raised = Raised.in(runtime);
            raised.onAlert(() -> logsValidatedWhenAlerted.add(validatedAt(logsManifest)));

            fire(runtime, "validate-all");

            // data_files comes before logs: its alert went out before logs was read, not at the end of the pass.
            assertThat(raised.all()).singleElement().asString().startsWith("alert VALIDATION_FAILED data_files: ");
            assertThat(logsValidatedWhenAlerted).containsExactly(readBack);
            assertThat(validatedAt(logsManifest)).isAfter(readBack);
        }
    }

    private static Instant validatedAt(Path manifest) {
        try {
            return Manifests.fromJson(Files.newInputStream(manifest), manifest.toString()).validation().at();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    void aTypeWithoutARecentSuccessRaisesOneOverdueAlert() throws Exception {
        MovableClock clock = new MovableClock(Instant.now().truncatedTo(ChronoUnit.SECONDS));
        // No source: the catch-up run at start-up fails, so nothing succeeds while the clock moves on.
        Files.move(dir.resolve("src"), dir.resolve("src.away"));
        try (BackrouteRuntime runtime = service(clock)) {
            Raised raised = Raised.in(runtime);
            clock.advance(Duration.ofDays(3));

            fire(runtime, "overdue-check");

            assertThat(raised.all()).filteredOn(r -> r.startsWith("alert OVERDUE ")).singleElement().asString()
                    .startsWith("alert OVERDUE data_files: ");
            assertThat(slackTexts()).filteredOn(t -> t.contains("OVERDUE")).singleElement().asString()
                    .startsWith("data_files backup OVERDUE on ");
        }
    }

    @Test
    void raisingAnExchangeAgainSendsNothingMore() throws Exception {
        try (BackrouteRuntime runtime = oneShot(Clock.systemUTC());
             ProducerTemplate producer = runtime.context().createProducerTemplate()) {
            Raised raised = Raised.in(runtime);
            BackupConfig loaded = BackupConfig.loadFromFile(config, Map.of());
            Exchange exchange = new DefaultExchange(runtime.context());
            new TypeAlerts(loaded, new BackupManager(loaded, new BackupCatalog(loaded), Clock.systemUTC()), Clock.systemUTC())
                    .failure(Alert.Kind.VALIDATION_FAILED, "data_files", "checksum mismatch", "data_files_20261125_010000")
                    .ifPresent(alert -> AlertRecorder.record(exchange, alert));

            producer.send("direct:raise-alerts", exchange);
            producer.send("direct:raise-alerts", exchange);

            assertThat(raised.all()).containsExactly("alert VALIDATION_FAILED data_files: checksum mismatch");
            assertThat(exchange.getProperty(BackrouteExchange.ALERTS)).isNull();
        }
    }

    @Test
    void somethingThatIsNotAnAlertIsOneWarningAndLeavesTheOthersAndTheCallersFailureAlone() throws Exception {
        try (BackrouteRuntime runtime = oneShot(Clock.systemUTC());
             ProducerTemplate producer = runtime.context().createProducerTemplate();
             LogCapture logs = new LogCapture()) {
            Raised raised = Raised.in(runtime);
            IllegalStateException backupFailure = new IllegalStateException("the backup's own failure");
            Exchange exchange = new DefaultExchange(runtime.context());
            exchange.setProperty(Exchange.EXCEPTION_CAUGHT, backupFailure);
            Alert overdue = Alert.of(Alert.Kind.OVERDUE, "data_files", "no success for 3 days", null, null, Instant.now(), null);
            exchange.setProperty(BackrouteExchange.ALERTS, List.of(42, overdue));

            producer.send("direct:raise-alerts", exchange);

            assertThat(raised.all()).containsExactly("alert OVERDUE data_files: no success for 3 days");
            assertThat(logs.lines(Level.WARN)).filteredOn(l -> l.contains("could not be raised")).singleElement().asString()
                    .startsWith("raise-alerts - an alert could not be raised: ");
            assertThat(exchange.getException()).isNull();
            assertThat(exchange.getProperty(Exchange.EXCEPTION_CAUGHT)).isSameAs(backupFailure);
        }
    }

    private BackupRecord backUpWithTheCli() throws IOException {
        assertThat(Cli.withConfig(AlertRuntime.env(webhook.url()), config, "backup", "--type", "data_files").exitCode()).isZero();
        try (Stream<Path> files = Files.list(dir.resolve("backups/data_files"))) {
            Path manifest = files.filter(f -> f.getFileName().toString().endsWith(".manifest.json")).findFirst().orElseThrow();
            return Manifests.fromJson(Files.newInputStream(manifest), manifest.toString());
        }
    }

    private BackrouteRuntime service(Clock clock) throws Exception {
        Map<String, String> env = AlertRuntime.env(webhook.url());
        BackupConfig loaded = BackupConfig.loadFromFile(config, env);
        return new BackrouteRuntime(loaded, env, clock, Path.of("routes"),
                RuntimeMode.service(ManagementEndpoint.of(loaded.management(), null, freePort(), env)));
    }

    private BackrouteRuntime oneShot(Clock clock) throws Exception {
        Map<String, String> env = AlertRuntime.env(webhook.url());
        return new BackrouteRuntime(BackupConfig.loadFromFile(config, env), env, clock, Path.of("routes"));
    }

    /** One exchange through the route, as its quartz or timer consumer starts it. */
    private static Exchange fire(BackrouteRuntime runtime, String routeId) throws Exception {
        Consumer consumer = runtime.context().getRoute(routeId).getConsumer();
        Exchange exchange = consumer.createExchange(false);
        consumer.getProcessor().process(exchange);
        return exchange;
    }

    private List<String> slackTexts() throws IOException {
        List<String> texts = new ArrayList<>();
        for (WebhookServer.Request r : webhook.requests()) {
            texts.add(JSON.readTree(r.body()).get("text").asText());
        }
        return texts;
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    /** What reached the alert routes, in order: "alert KIND type: error" or "succeeded type". */
    private static final class Raised extends EventNotifierSupport {
        private final List<String> raised = new CopyOnWriteArrayList<>();
        private volatile Runnable onAlert = () -> { };

        void onAlert(Runnable action) {
            this.onAlert = action;
        }

        static Raised in(BackrouteRuntime runtime) throws Exception {
            Raised notifier = new Raised();
            runtime.context().addService(notifier, false);
            notifier.start();
            runtime.context().getManagementStrategy().addEventNotifier(notifier);
            return notifier;
        }

        @Override
        public void notify(CamelEvent event) {
            if (event instanceof CamelEvent.ExchangeSendingEvent sending) {
                Object body = sending.getExchange().getIn().getBody();
                switch (sending.getEndpoint().getEndpointUri()) {
                    case "direct://alert" -> {
                        raised.add("alert " + ((Alert) body).kind() + " " + ((Alert) body).type() + ": " + ((Alert) body).error());
                        onAlert.run();
                    }
                    case "direct://backup-succeeded" -> raised.add("succeeded " + body);
                    default -> { }
                }
            }
        }

        List<String> all() {
            return List.copyOf(raised);
        }
    }
}
