package dev.backroute.camel;

import dev.backroute.alert.AlertThrottle;
import dev.backroute.alert.EmailChannel;
import dev.backroute.alert.Redactor;
import dev.backroute.alert.SlackChannel;
import dev.backroute.alert.UnsentAlertLog;
import dev.backroute.config.AlertsConfig;
import dev.backroute.config.BackupConfig;
import org.apache.camel.BindToRegistry;
import org.apache.camel.CamelConfiguration;
import org.apache.camel.component.mail.JavaMailSender;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * The beans {@code routes/alerts.camel.yaml} refers to by name: each its class's name in lowerCamelCase, an
 * adapter over the plain alert services of package alert, built here.
 */
public final class AlertBeans implements CamelConfiguration {
    private final AlertsConfig alerts;
    private final Duration window;
    private final Map<String, String> env;
    private final AlertThrottle throttle;
    private final Redactor redactor;

    public AlertBeans(BackupConfig config, Map<String, String> env, Clock clock) {
        this.alerts = config.alerts();
        this.env = env;
        this.window = Duration.ofMinutes(alerts.throttleMinutes());
        this.throttle = new AlertThrottle(config.backupDir(), window, clock);
        this.redactor = new Redactor(List.of(alerts.email().password()), List.of(alerts.slack().webhookUrl()), env);
    }

    @BindToRegistry("failureThrottleStep")
    public FailureThrottleStep failureThrottleStep() { return new FailureThrottleStep(throttle); }

    @BindToRegistry("recoveryThrottleStep")
    public RecoveryThrottleStep recoveryThrottleStep() { return new RecoveryThrottleStep(throttle); }

    @BindToRegistry("emailAlerter")
    public EmailAlerter emailAlerter() { return new EmailAlerter(new EmailChannel(alerts.email(), env, redactor, window)); }

    /** The smtp endpoint's sender: server, port, TLS and login from alerts.email. */
    @BindToRegistry("javaMailSender")
    public JavaMailSender javaMailSender() { return emailAlerter().mailSender(); }

    @BindToRegistry("slackAlerter")
    public SlackAlerter slackAlerter() { return new SlackAlerter(new SlackChannel(alerts.slack(), env, redactor, window)); }

    @BindToRegistry("alertFailedStep")
    public AlertFailedStep alertFailedStep() { return new AlertFailedStep(new UnsentAlertLog(redactor)); }
}
