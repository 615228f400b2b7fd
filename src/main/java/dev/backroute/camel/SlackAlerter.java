package dev.backroute.camel;

import dev.backroute.alert.AlertNotice;
import dev.backroute.alert.SlackChannel;
import org.apache.camel.Exchange;
import org.apache.camel.InvalidPayloadException;
import org.apache.camel.Message;
import org.apache.camel.Processor;

/**
 * Bean {@code slackAlerter} of route {@code alert-slack}: the {@link SlackChannel}'s message for the
 * {@link AlertNotice} in the body, and the route's camel-http endpoint pointed at the webhook URL. The URL
 * is passed in the {@code CamelHttpUri} header only, and removed again by {@link #checkResponse}.
 */
public final class SlackAlerter implements Processor {
    private final SlackChannel channel;

    SlackAlerter(SlackChannel channel) {
        this.channel = channel;
    }

    public boolean enabled() {
        return channel.enabled();
    }

    @Override
    public void process(Exchange exchange) throws InvalidPayloadException {
        AlertNotice notice = exchange.getIn().getMandatoryBody(AlertNotice.class);
        String url = channel.webhookUrl();
        Message out = exchange.getIn();
        out.removeHeaders("*");
        out.setHeader(Exchange.CONTENT_TYPE, "application/json; charset=UTF-8");
        out.setHeader(Exchange.HTTP_URI, url);
        out.setBody(channel.payload(notice));
    }

    /** After the POST: forgets the URL, and fails on an answer other than 2xx ({@link SlackChannel#checkResponse}). */
    public void checkResponse(Exchange exchange) {
        Message in = exchange.getIn();
        in.removeHeader(Exchange.HTTP_URI);
        channel.checkResponse(in.getHeader(Exchange.HTTP_RESPONSE_CODE, Integer.class), in.getBody(String.class));
    }
}
