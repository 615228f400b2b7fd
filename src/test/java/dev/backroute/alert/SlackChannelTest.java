package dev.backroute.alert;

import dev.backroute.config.ConfigException;
import dev.backroute.config.SecretRef;
import dev.backroute.config.SlackAlert;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The Slack channel's webhook URL and its verdict on the webhook's answer, with no server and no CamelContext. */
class SlackChannelTest {
    private static final String URL = "https://hooks.slack.example/services/T000/B000/XXXXsecretXXXX";
    private static final SecretRef WEBHOOK = new SecretRef("alerts.slack.webhook_url", "SLACK_WEBHOOK_URL", null);

    @Test
    void theWebhookUrlIsReadFromItsVariable() {
        assertThat(channel(" " + URL + "\n").webhookUrl()).isEqualTo(URL);
    }

    @Test
    void aWebhookUrlThatIsNotHttpsIsRefusedWithoutShowingIt() {
        assertThatThrownBy(() -> channel("ftp://hooks.slack.example/XXXXsecretXXXX").webhookUrl())
                .isInstanceOf(ConfigException.class)
                .hasMessage("alerts.slack.webhook_url_env: the webhook URL in environment variable SLACK_WEBHOOK_URL must be an"
                        + " https:// URL with a host (the value is not shown here)");
    }

    @Test
    void aWebhookUrlThatIsNoUrlIsRefusedWithoutShowingIt() {
        assertThatThrownBy(() -> channel("https://hooks slack/XXXXsecretXXXX").webhookUrl())
                .isInstanceOf(ConfigException.class)
                .hasMessage("alerts.slack.webhook_url_env: the webhook URL in environment variable SLACK_WEBHOOK_URL is not a valid URL"
                        + " (not shown here)");
    }

    @Test
    void aSuccessfulAnswerIsAccepted() {
        assertThatCode(() -> channel(URL).checkResponse(200, "ok")).doesNotThrowAnyException();
    }

    @Test
    void aRefusalIsAnErrorQuotingTheAnswerOnOneLineWithTheUrlMasked() {
        assertThatThrownBy(() -> channel(URL).checkResponse(403, "invalid_token\n  for " + URL))
                .isInstanceOf(SlackChannel.SlackWebhookException.class)
                .hasMessage("Slack webhook answered HTTP 403: invalid_token for ***");
    }

    @Test
    void aLongAnswerIsCutShort() {
        String answer = "x".repeat(500);

        assertThatThrownBy(() -> channel(URL).checkResponse(500, answer))
                .hasMessage("Slack webhook answered HTTP 500: " + "x".repeat(SlackChannel.MAX_ANSWER - 2) + "...");
    }

    private static SlackChannel channel(String url) {
        Map<String, String> env = Map.of("SLACK_WEBHOOK_URL", url);
        return new SlackChannel(new SlackAlert(true, WEBHOOK), env, new Redactor(List.of(), List.of(WEBHOOK), env), Duration.ofMinutes(60));
    }
}
