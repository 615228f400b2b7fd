package dev.backroute.alert;

import dev.backroute.config.ConfigException;
import dev.backroute.config.SlackAlert;
import org.apache.camel.Exchange;
import org.apache.camel.InvalidPayloadException;
import org.apache.camel.Message;
import org.apache.camel.Processor;

import java.net.URI;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;

/**
 * The Slack channel: turns an {@link AlertNotice} into an incoming-webhook JSON message and points the
 * route's camel-http endpoint at the webhook URL, read from {@code webhook_url_env/_file} for each
 * message. The URL is a secret (whoever has it can post to the channel): it is passed in the
 * {@code CamelHttpUri} header only, removed again by {@link #checkResponse}, and never written to a log
 * or an error.
 */
public final class SlackAlerter implements Processor {
    private final SlackAlert config;
    private final Map<String, String> env;
    private final Redactor redactor;
    private final Duration window;

    public SlackAlerter(SlackAlert config, Map<String, String> env, Redactor redactor, Duration window) {
        this.config = config;
        this.env = env;
        this.redactor = redactor;
        this.window = window;
    }

    public boolean enabled() {
        return config.enabled();
    }

    @Override
    public void process(Exchange exchange) throws InvalidPayloadException {
        AlertNotice notice = exchange.getIn().getMandatoryBody(AlertNotice.class);
        String url = webhookUrl();
        Message out = exchange.getIn();
        out.removeHeaders("*");
        out.setHeader(Exchange.CONTENT_TYPE, "application/json; charset=UTF-8");
        out.setHeader(Exchange.HTTP_URI, url);
        out.setBody(new AlertText(notice, redactor, window).slackJson());
    }

    /** After the POST: forgets the URL, and turns an answer other than 2xx into an error that names no secret. */
    public void checkResponse(Exchange exchange) {
        Message in = exchange.getIn();
        in.removeHeader(Exchange.HTTP_URI);
        Integer code = in.getHeader(Exchange.HTTP_RESPONSE_CODE, Integer.class);
        if (code != null && code >= 200 && code < 300) {
            return;
        }
        String body = in.getBody(String.class);
        String detail = body == null || body.isBlank() ? "" : ": " + redactor.clean(body.strip().replaceAll("\\s+", " "));
        if (detail.length() > 200) {
            detail = detail.substring(0, 200) + "...";
        }
        throw new SlackWebhookException("Slack webhook answered HTTP " + code + detail);
    }

    private String webhookUrl() {
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
