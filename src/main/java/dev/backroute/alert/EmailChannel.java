package dev.backroute.alert;

import dev.backroute.config.EmailAlert;
import jakarta.mail.PasswordAuthentication;

import java.time.Duration;
import java.util.Map;
import java.util.Properties;

/**
 * The email channel: the plain-text message for an {@link AlertNotice}, and what the mail sender needs:
 * server, port and TLS from {@code alerts.email}, the login read from {@code username_env/_file} and
 * {@code password_env/_file} at each send (never put in an endpoint URI, so it cannot show in logs or errors).
 *
 * <p>TLS: {@code none} is plain SMTP; {@code starttls} is SMTP that must switch to TLS before logging in
 * or sending (a server without STARTTLS is refused, never used in clear); {@code ssl} is SMTPS. The
 * server certificate is checked against the JVM's trust store and the host name. JavaMail system
 * properties ({@code -Dmail.smtp.*}, {@code -Dmail.smtps.*}) override these settings.
 */
public final class EmailChannel {
    /** Connect, read and write timeout: a dead mail server must not hold a backup for long. */
    static final int TIMEOUT_MILLIS = 10_000;

    private final EmailAlert config;
    private final Map<String, String> env;
    private final Redactor redactor;
    private final Duration window;

    public EmailChannel(EmailAlert config, Map<String, String> env, Redactor redactor, Duration window) {
        this.config = config;
        this.env = env;
        this.redactor = redactor;
        this.window = window;
    }

    public boolean enabled() {
        return config.enabled();
    }

    /** "smtp" or "smtps". */
    public String protocol() {
        return "ssl".equals(config.tls()) ? "smtps" : "smtp";
    }

    public String host() {
        return config.smtpHost();
    }

    public int port() {
        return config.smtpPort();
    }

    public String from() {
        return config.from();
    }

    /** The recipients, as one address-list header value. */
    public String to() {
        return String.join(", ", config.to());
    }

    /** Subject and body of the message for {@code notice}. */
    public AlertText text(AlertNotice notice) {
        return new AlertText(notice, redactor, window);
    }

    /** The JavaMail session settings for {@link #protocol()}. */
    public Properties javaMailProperties() {
        String protocol = protocol();
        String p = "mail." + protocol + ".";
        Properties props = new Properties();
        props.setProperty("mail.transport.protocol", protocol);
        props.setProperty(p + "host", config.smtpHost());
        props.setProperty(p + "port", Integer.toString(config.smtpPort()));
        props.setProperty(p + "connectiontimeout", Integer.toString(TIMEOUT_MILLIS));
        props.setProperty(p + "timeout", Integer.toString(TIMEOUT_MILLIS));
        props.setProperty(p + "writetimeout", Integer.toString(TIMEOUT_MILLIS));
        props.setProperty(p + "auth", Boolean.toString(config.username().isConfigured()));
        switch (config.tls()) {
            case "starttls" -> {
                props.setProperty(p + "starttls.enable", "true");
                props.setProperty(p + "starttls.required", "true");
                props.setProperty(p + "ssl.checkserveridentity", "true");
            }
            case "ssl" -> {
                props.setProperty(p + "ssl.enable", "true");
                props.setProperty(p + "ssl.checkserveridentity", "true");
            }
            default -> props.setProperty(p + "starttls.enable", "false");
        }
        // As camel-mail does for its own defaults, JavaMail settings given as system properties apply too.
        for (String name : System.getProperties().stringPropertyNames()) {
            if (name.startsWith("mail.")) {
                props.setProperty(name, System.getProperty(name));
            }
        }
        return props;
    }

    /** The login, read now; with no username configured, an empty one: the message is sent without logging in. */
    public PasswordAuthentication login() {
        if (!config.username().isConfigured()) {
            return new PasswordAuthentication(null, null);
        }
        return new PasswordAuthentication(config.username().resolve(env), config.password().resolve(env));
    }

    /** Where the login comes from, never the login itself. */
    public String loginSource() {
        return "login from " + config.username() + ", " + config.password();
    }
}
