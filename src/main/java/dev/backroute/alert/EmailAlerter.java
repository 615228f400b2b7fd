package dev.backroute.alert;

import dev.backroute.config.EmailAlert;
import jakarta.mail.PasswordAuthentication;
import org.apache.camel.Exchange;
import org.apache.camel.InvalidPayloadException;
import org.apache.camel.Message;
import org.apache.camel.Processor;
import org.apache.camel.component.mail.DefaultJavaMailSender;
import org.apache.camel.component.mail.JavaMailSender;
import org.apache.camel.component.mail.MailAuthenticator;
import org.apache.camel.component.mail.MailConstants;

import java.time.Duration;
import java.util.Map;
import java.util.Properties;

/**
 * The email channel: turns an {@link AlertNotice} into a plain-text message for camel-mail, and makes the
 * {@link JavaMailSender} the route's {@code smtp} endpoint sends with: server, port and TLS from
 * {@code alerts.email}, the login read from {@code username_env/_file} and {@code password_env/_file}
 * at each send (never put in an endpoint URI, so it cannot show in logs or errors).
 *
 * <p>TLS: {@code none} is plain SMTP; {@code starttls} is SMTP that must switch to TLS before logging in
 * or sending (a server without STARTTLS is refused, never used in clear); {@code ssl} is SMTPS. The
 * server certificate is checked against the JVM's trust store and the host name. JavaMail system
 * properties ({@code -Dmail.smtp.*}, {@code -Dmail.smtps.*}) override these settings.
 */
public final class EmailAlerter implements Processor {
    /** Connect, read and write timeout: a dead mail server must not hold a backup for long. */
    static final int TIMEOUT_MILLIS = 10_000;

    private final EmailAlert config;
    private final Map<String, String> env;
    private final Redactor redactor;
    private final Duration window;

    public EmailAlerter(EmailAlert config, Map<String, String> env, Redactor redactor, Duration window) {
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

    @Override
    public void process(Exchange exchange) throws InvalidPayloadException {
        AlertNotice notice = exchange.getIn().getMandatoryBody(AlertNotice.class);
        AlertText text = new AlertText(notice, redactor, window);
        Message out = exchange.getIn();
        // Every header becomes a mail header (or, named mail.smtp.*, a JavaMail setting): start clean.
        out.removeHeaders("*");
        out.setHeader(MailConstants.MAIL_SUBJECT, text.subject());
        out.setHeader(MailConstants.MAIL_FROM, config.from());
        out.setHeader(MailConstants.MAIL_TO, String.join(", ", config.to()));
        out.setBody(text.body());
    }

    /** The sender for the route's smtp endpoint. */
    public JavaMailSender mailSender() {
        String protocol = protocol();
        DefaultJavaMailSender sender = new DefaultJavaMailSender();
        sender.setProtocol(protocol);
        sender.setHost(config.smtpHost());
        sender.setPort(config.smtpPort());
        sender.setJavaMailProperties(javaMailProperties(protocol));
        sender.setAuthenticator(new SecretAuthenticator());
        return sender;
    }

    Properties javaMailProperties(String protocol) {
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

    /** Reads the login when a message is sent; with no username configured, sends without logging in. */
    private final class SecretAuthenticator extends MailAuthenticator {
        @Override
        public PasswordAuthentication getPasswordAuthentication() {
            if (!config.username().isConfigured()) {
                return new PasswordAuthentication(null, null);
            }
            return new PasswordAuthentication(config.username().resolve(env), config.password().resolve(env));
        }

        @Override
        public String toString() {
            return "login from " + config.username() + ", " + config.password();
        }
    }
}
