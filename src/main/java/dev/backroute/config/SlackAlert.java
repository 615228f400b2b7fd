package dev.backroute.config;

public record SlackAlert(boolean enabled, SecretRef webhookUrl) {
}
