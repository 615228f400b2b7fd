package dev.backroute.camel;

import dev.backroute.alert.AlertNotice;
import dev.backroute.alert.AlertText;
import dev.backroute.alert.EmailChannel;
import jakarta.mail.PasswordAuthentication;
import org.apache.camel.Exchange;
import org.apache.camel.InvalidPayloadException;
import org.apache.camel.Message;
import org.apache.camel.Processor;
import org.apache.camel.component.mail.DefaultJavaMailSender;
import org.apache.camel.component.mail.JavaMailSender;
import org.apache.camel.component.mail.MailAuthenticator;
import org.apache.camel.component.mail.MailConstants;

/**
 * Bean {@code emailAlerter} of route {@code alert-email}: the {@link EmailChannel}'s message for the
 * {@link AlertNotice} in the body, as camel-mail sends it, and the {@link JavaMailSender} the route's
 * {@code smtp} endpoint sends with (bean {@code javaMailSender}).
 */
public final class EmailAlerter implements Processor {
    private final EmailChannel channel;

    EmailAlerter(EmailChannel channel) {
        this.channel = channel;
    }

    public boolean enabled() {
        return channel.enabled();
    }

    @Override
    public void process(Exchange exchange) throws InvalidPayloadException {
        AlertText text = channel.text(exchange.getIn().getMandatoryBody(AlertNotice.class));
        Message out = exchange.getIn();
        // Every header becomes a mail header (or, named mail.smtp.*, a JavaMail setting): start clean.
        out.removeHeaders("*");
        out.setHeader(MailConstants.MAIL_SUBJECT, text.subject());
        out.setHeader(MailConstants.MAIL_FROM, channel.from());
        out.setHeader(MailConstants.MAIL_TO, channel.to());
        out.setBody(text.body());
    }

    /** The sender for the route's smtp endpoint. */
    JavaMailSender mailSender() {
        DefaultJavaMailSender sender = new DefaultJavaMailSender();
        sender.setProtocol(channel.protocol());
        sender.setHost(channel.host());
        sender.setPort(channel.port());
        sender.setJavaMailProperties(channel.javaMailProperties());
        sender.setAuthenticator(new ChannelLogin());
        return sender;
    }

    /** Reads the login when a message is sent. */
    private final class ChannelLogin extends MailAuthenticator {
        @Override
        public PasswordAuthentication getPasswordAuthentication() {
            return channel.login();
        }

        @Override
        public String toString() {
            return channel.loginSource();
        }
    }
}
