package dev.backroute.alert;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/** The words of an alert, shared by the email and Slack channels so both say the same facts. */
public final class AlertText {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int SLACK_HEADER_MAX = 150;
    private static final int SLACK_TEXT_MAX = 2900;

    private final AlertNotice notice;
    private final Alert alert;
    private final Redactor redactor;
    private final Duration window;

    public AlertText(AlertNotice notice, Redactor redactor, Duration window) {
        this.notice = notice;
        this.alert = notice.alert();
        this.redactor = redactor;
        this.window = window;
    }

    /**
     * "data_files backup FAILED on host", "… still FAILED on host (3 failures since the last alert)"; an alert about no
     * type names its activity only: "scheduler UNREACHABLE on host".
     */
    public String headline() {
        Alert.Kind kind = alert.kind();
        String state = notice.reminder() ? "still " + kind.state() : kind.state();
        String line = (kind.aboutType() ? alert.type() + " " : "") + kind.activity() + " " + state + " on " + alert.host();
        if (notice.reminder()) {
            line += " (" + failures(notice.failuresSinceLastAlert()) + " since the last alert)";
        }
        return line;
    }

    public String subject() {
        return "[backroute] " + headline();
    }

    public String error() {
        return redactor.clean(alert.error());
    }

    /** The plain-text email body. */
    public String body() {
        StringBuilder b = new StringBuilder();
        boolean aboutType = alert.kind().aboutType();
        b.append(headline()).append(".\n\n");
        if (aboutType) {
            row(b, "Type", alert.type());
        }
        row(b, "Host", alert.host());
        if (alert.kind().recovery()) {
            row(b, "Recovered from", notice.recoveredKinds());
            row(b, "Failures", failures(notice.failuresSinceLastAlert()) + " since " + time(notice.firstFailureAt()));
        } else {
            row(b, "Error", error().isEmpty() ? "(no detail)" : error());
        }
        if (aboutType) {
            row(b, "Last success", lastSuccess());
            if (!alert.kind().recovery()) {
                row(b, "Next try", nextTry());
            }
            row(b, "Backup id", backupId());
        }
        row(b, "Time", time(alert.at()));
        if (notice.reminder()) {
            row(b, "Reminder", failures(notice.failuresSinceLastAlert()) + " since the last alert at "
                    + time(notice.lastAlertAt()) + "; failing since " + time(notice.firstFailureAt()));
        }
        b.append('\n');
        if (alert.kind().recovery()) {
            b.append("No action needed. Alerts for ").append(aboutType ? alert.type() : "the " + alert.kind().activity())
                    .append(" are re-armed.\n");
        } else {
            b.append("Check with: backroute status").append(aboutType ? " --type " + alert.type() : "").append('\n');
            b.append("While it keeps failing, a reminder is sent at most every ").append(minutes()).append(".\n");
        }
        return redactor.clean(b.toString());
    }

    /** The Slack incoming-webhook payload: a plain {@code text} fallback and Block Kit blocks with the same facts. */
    public String slackJson() {
        ObjectNode root = JSON.createObjectNode();
        String summary = alert.kind().recovery() || error().isEmpty() ? headline() : headline() + ": " + error();
        root.put("text", redactor.clean(truncate(summary, SLACK_TEXT_MAX)));
        ArrayNode blocks = root.putArray("blocks");
        ObjectNode header = blocks.addObject();
        header.put("type", "header");
        plain(header.putObject("text"), redactor.clean(truncate(headline(), SLACK_HEADER_MAX)));
        if (alert.kind().recovery()) {
            section(blocks, "*Recovered from:* " + escape(notice.recoveredKinds()) + " (" + failures(notice.failuresSinceLastAlert())
                    + " since " + time(notice.firstFailureAt()) + ")");
        } else {
            section(blocks, "*Error:* " + escape(truncate(error().isEmpty() ? "(no detail)" : error(), SLACK_TEXT_MAX)));
        }
        ObjectNode facts = blocks.addObject();
        facts.put("type", "section");
        ArrayNode fields = facts.putArray("fields");
        if (alert.kind().aboutType()) {
            field(fields, "Type", alert.type());
        }
        field(fields, "Host", alert.host());
        if (alert.kind().aboutType()) {
            field(fields, "Last success", lastSuccess());
            if (!alert.kind().recovery()) {
                field(fields, "Next try", nextTry());
            }
            field(fields, "Backup id", backupId());
        }
        if (notice.reminder()) {
            field(fields, "Failures since last alert", notice.failuresSinceLastAlert() + " (last alert " + time(notice.lastAlertAt()) + ")");
        }
        ObjectNode context = blocks.addObject();
        context.put("type", "context");
        ObjectNode note = context.putArray("elements").addObject();
        note.put("type", "mrkdwn");
        note.put("text", escape("backroute at " + time(alert.at())
                + (alert.kind().recovery() ? "" : "; reminders at most every " + minutes())));
        try {
            return redactor.clean(JSON.writeValueAsString(root));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("cannot write the Slack message", e);
        }
    }

    private String lastSuccess() {
        return alert.lastSuccess() == null ? "never" : time(alert.lastSuccess());
    }

    private String nextTry() {
        return alert.nextTry() == null ? "not scheduled" : time(alert.nextTry());
    }

    private String backupId() {
        return alert.backupId() == null ? "none" : alert.backupId();
    }

    private String minutes() {
        long m = window.toMinutes();
        return m == 1 ? "1 minute" : m + " minutes";
    }

    private static String failures(int n) {
        return n == 1 ? "1 failure" : n + " failures";
    }

    static String time(Instant t) {
        return t == null ? "unknown" : t.truncatedTo(ChronoUnit.SECONDS).toString();
    }

    private static void row(StringBuilder b, String label, String value) {
        b.append(String.format("%-14s %s\n", label + ":", value));
    }

    private void section(ArrayNode blocks, String mrkdwn) {
        ObjectNode section = blocks.addObject();
        section.put("type", "section");
        ObjectNode text = section.putObject("text");
        text.put("type", "mrkdwn");
        text.put("text", redactor.clean(mrkdwn));
    }

    private void field(ArrayNode fields, String label, String value) {
        ObjectNode f = fields.addObject();
        f.put("type", "mrkdwn");
        f.put("text", "*" + label + "*\n" + escape(redactor.clean(value)));
    }

    private static void plain(ObjectNode node, String text) {
        node.put("type", "plain_text");
        node.put("text", text);
    }

    /** Slack's mrkdwn treats &, < and > as control characters. */
    private static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }

    private static String truncate(String text, int max) {
        return text.length() <= max ? text : text.substring(0, max - 1) + "…";
    }
}
