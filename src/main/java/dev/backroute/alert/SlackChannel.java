package dev.backroute.alert;

import dev.backroute.config.ConfigException;
import dev.backroute.config.SlackAlert;

import java.net.URI;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;

/**
 * The Slack channel: the incoming-webhook JSON message for an {@link AlertNotice}, the webhook URL, read
 * from {@code webhook_url_env/_file} for each message, and the verdict on the webhook's answer. The URL is a
 * secret (whoever has it can post to the channel): it is never written to a log or an error.
 */
public final class SlackChannel {
    /** The most of the webhook's answer an error quotes. */
    static final int MAX_ANSWER = 200;

    private final SlackAlert config;
    private final Map<String, String> env;
    private final Redactor redactor;
    private final Duration window;

    public SlackChannel(SlackAlert config, Map<String, String> env, Redactor redactor, Duration window) {
        this.config = config;
        this.env = env;
        this.redactor = redactor;
        this.window = window;
    }

    public boolean enabled() {
        return config.enabled();
    }

    public String payload(AlertNotice notice) {
        return new AlertText(notice, redactor, window).slackJson();
    }

    /** The webhook URL, read now; an error names where it is read from, never the value. */
    public String webhookUrl() {
        String url = config.webhookUrl().resolve(env).trim();
        String field = config.webhookUrl().field() + (config.webhookUrl().env() != null ? "_env" : "_file");
        URI uri;
        try {
            uri = URI.create(url);
        } catch (IllegalArgumentException e) {
            throw new ConfigException(field, field + ": the webhook URL in " + where() + " is not a valid URL (not shown here)");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!(scheme.equals("https") || scheme.equals("http")) || uri.getHost() == null) {
            throw new ConfigException(field, field + ": the webhook URL in " + where()
                    + " must be an https:// URL with a host (the value is not shown here)");
        }
        return url;
    }

    /** Turns an answer other than 2xx into an error that names no secret. */
    public void checkResponse(Integer code, String body) {
        if (code != null && code >= 200 && code < 300) {
            return;
        }
        String detail = body == null || body.isBlank() ? "" : ": " + redactor.clean(body.strip().replaceAll("\\s+", " "));
        if (detail.length() > MAX_ANSWER) {
            detail = detail.substring(0, MAX_ANSWER) + "...";
        }
        throw new SlackWebhookException("Slack webhook answered HTTP " + code + detail);
    }

    private String where() {
        return config.webhookUrl().env() != null ? "environment variable " + config.webhookUrl().env()
                : "file " + config.webhookUrl().file();
    }

    /** The webhook refused the message. */
    public static final class SlackWebhookException extends RuntimeException {
        SlackWebhookException(String message) {
            super(message);
        }
    }
}
