package dev.backroute.config;

import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/** Reads the {@code alerts} section; both channels are off unless enabled. */
final class AlertsReader {
    /** Only catches obvious slips (a name instead of an address); the SMTP server is the real judge. */
    private static final Pattern ADDRESS = Pattern.compile("[^@\\s]+@[^@\\s]+");

    private AlertsReader() {}

    static AlertsConfig read(Fields f) {
        return new AlertsConfig(f.get("email").object(AlertsReader::email), f.get("slack").object(AlertsReader::slack),
                f.integer("throttle_minutes", AlertsConfig.DEFAULT_THROTTLE_MINUTES, 1, Integer.MAX_VALUE));
    }

    private static EmailAlert email(Fields f) {
        boolean enabled = f.bool("enabled", false);
        String smtpHost = f.string("smtp_host", "");
        int smtpPort = f.integer("smtp_port", 587, 1, 65535);
        String tls = f.choice("tls", "starttls", List.of("none", "starttls", "ssl"));
        String from = f.string("from", "");
        checkAddress(f.get("from"), from);
        Map<String, Node> to = f.strings("to", List.of());
        to.forEach((address, node) -> checkAddress(node, address));
        SecretRef username = f.secret("username");
        SecretRef password = f.secret("password");
        if (enabled) {
            f.check("smtp_host", !smtpHost.isEmpty(), "required when email alerts are enabled");
            f.check("from", !from.isEmpty(), "required when email alerts are enabled");
            f.check("to", !to.isEmpty(), "must list at least one address when email alerts are enabled");
        }
        return new EmailAlert(enabled, smtpHost, smtpPort, tls, from, List.copyOf(to.keySet()), username, password);
    }

    private static void checkAddress(Node node, String address) {
        if (!address.isEmpty() && !ADDRESS.matcher(address).matches()) {
            node.problem("must be an email address like backups@example.com, got '" + address + "'");
        }
    }

    private static SlackAlert slack(Fields f) {
        boolean enabled = f.bool("enabled", false);
        SecretRef webhookUrl = f.secret("webhook_url");
        f.check("webhook_url", !enabled || webhookUrl.isConfigured(),
                "required when Slack alerts are enabled; give webhook_url_env or webhook_url_file");
        return new SlackAlert(enabled, webhookUrl);
    }
}
