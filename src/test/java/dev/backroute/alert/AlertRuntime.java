package dev.backroute.alert;

import dev.backroute.camel.AlertRecorder;
import dev.backroute.camel.BackrouteRuntime;
import dev.backroute.config.BackupConfig;
import org.apache.camel.ProducerTemplate;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The real runtime (camel-main, the YAML routes of {@code routes/}) on a config whose alerts point at the
 * test's servers, with a clock the test moves.
 */
final class AlertRuntime implements AutoCloseable {
    static final String SMTP_USER = "alerts";
    static final String SMTP_PASSWORD = "pw-Sup3rSecret-42";
    static final String FROM = "backroute@example.com";
    static final String TO_OPS = "ops@example.com";
    static final String TO_ONCALL = "oncall@example.net";
    static final Instant START = Instant.parse("2026-11-25T01:00:00Z");

    private final BackrouteRuntime runtime;
    private final ProducerTemplate producer;
    final BackupConfig config;

    private AlertRuntime(BackupConfig config, Map<String, String> env, Clock clock) throws Exception {
        this.config = config;
        this.runtime = new BackrouteRuntime(config, env, clock, Path.of("routes"));
        this.producer = runtime.context().createProducerTemplate();
    }

    /** {@code emailJson} and {@code slackJson} are the alerts.email and alerts.slack blocks. */
    static AlertRuntime start(Path dir, String emailJson, String slackJson, Map<String, String> env, Clock clock) throws Exception {
        Files.createDirectories(dir.resolve("src"));
        Path file = dir.resolve("backup_config.json");
        Files.writeString(file, """
                { "backup_dir": "backups",
                  "backup_types": { "data_files": { "schedule": "0 0 1 * * ?", "storage": ["local"], "source": { "paths": ["src"] } } },
                  "storage": { "local": { "type": "local", "path": "backups" } },
                  "alerts": { "email": %s, "slack": %s, "throttle_minutes": 60 } }
                """.formatted(emailJson, slackJson));
        return new AlertRuntime(BackupConfig.loadFromFile(file, env), env, clock);
    }

    /** alerts.email for a server on 127.0.0.1 with the given TLS mode; {@code login} adds username_env/password_env. */
    static String email(int port, String tls, boolean login) {
        return """
                { "enabled": true, "smtp_host": "127.0.0.1", "smtp_port": %d, "tls": "%s", "from": "%s", "to": ["%s", "%s"]%s }"""
                .formatted(port, tls, FROM, TO_OPS, TO_ONCALL,
                        login ? ", \"username_env\": \"SMTP_USER\", \"password_env\": \"SMTP_PASSWORD\"" : "");
    }

    static String slackOn() {
        return "{ \"enabled\": true, \"webhook_url_env\": \"SLACK_WEBHOOK_URL\" }";
    }

    static String off() {
        return "{ \"enabled\": false }";
    }

    static Map<String, String> env(String webhookUrl) {
        return Map.of("SMTP_USER", SMTP_USER, "SMTP_PASSWORD", SMTP_PASSWORD, "SLACK_WEBHOOK_URL", webhookUrl);
    }

    static Alert failure(Instant at, String error) {
        return new Alert(Alert.Kind.BACKUP_FAILED, "data_files", "backup-host-1", error, Instant.parse("2026-11-24T01:00:07Z"),
                Instant.parse("2026-11-26T01:00:00Z"), at, "data_files_20261125_010000");
    }

    /** Sends to direct:alert and returns normally whatever the channels did; an exception here fails the test. */
    void alert(Alert alert) {
        producer.sendBody("direct:alert", alert);
    }

    void succeeded(String type) {
        producer.sendBody("direct:backup-succeeded", type);
    }

    /** Records {@code alerts} on a new exchange, then raises them, as the routes whose steps found them do. */
    void raise(List<Alert> alerts) {
        org.apache.camel.Exchange exchange = new org.apache.camel.support.DefaultExchange(runtime.context());
        alerts.forEach(alert -> AlertRecorder.record(exchange, alert));
        producer.send("direct:raise-alerts", exchange);
    }

    /** The exchange as the caller gets it back, to check it carries no exception. */
    org.apache.camel.Exchange alertExchange(Alert alert) {
        return producer.send("direct:alert", e -> e.getIn().setBody(alert));
    }

    org.apache.camel.CamelContext context() {
        return runtime.context();
    }

    Path stateFile() {
        return config.backupDir().resolve(".alerts/state.json");
    }

    @Override
    public void close() throws Exception {
        runtime.close();
    }
}
