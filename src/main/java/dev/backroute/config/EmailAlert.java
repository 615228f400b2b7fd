package dev.backroute.config;

import java.util.List;

/**
 * @param tls "none", "starttls" or "ssl"
 * @param username not configured when the SMTP server needs no login
 */
public record EmailAlert(boolean enabled, String smtpHost, int smtpPort, String tls, String from, List<String> to,
                         SecretRef username, SecretRef password) {
    public EmailAlert {
        to = List.copyOf(to);
    }
}
