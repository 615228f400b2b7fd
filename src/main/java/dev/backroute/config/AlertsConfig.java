package dev.backroute.config;

public record AlertsConfig(EmailAlert email, SlackAlert slack) {
}
