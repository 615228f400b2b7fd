package dev.backroute.ops;

import dev.backroute.cluster.ClusterMembers;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * What this member's last check-in found, as the health check {@code cluster} reports it: healthy when it reached the
 * database and no member is silent.
 *
 * @param unreachable the one-line reason the database could not be reached; null when it was
 * @param roster      the members as that check-in read them; null when it did not reach the database
 */
public record ClusterStanding(String unreachable, ClusterMembers.Roster roster) {

    static ClusterStanding reached(ClusterMembers.Roster roster) {
        return new ClusterStanding(null, roster);
    }

    static ClusterStanding unreachable(String error) {
        return new ClusterStanding(error, null);
    }

    public boolean healthy() {
        return unreachable == null && silent().isEmpty();
    }

    /** The members that stopped checking in without stopping cleanly, by the database server's clock. */
    public List<ClusterMembers.Member> silent() {
        if (roster == null) {
            return List.of();
        }
        return roster.members().stream().filter(m -> m.state(roster.serverNow()) == ClusterMembers.Member.State.SILENT).toList();
    }

    /** "database": why it cannot be reached; or "members": the count by state, then "member <name>" for each member. */
    public Map<String, String> details() {
        Map<String, String> details = new LinkedHashMap<>();
        if (unreachable != null) {
            details.put("database", "DOWN: " + unreachable);
            return details;
        }
        Map<ClusterMembers.Member.State, Integer> counts = new EnumMap<>(ClusterMembers.Member.State.class);
        Instant now = roster.serverNow();
        roster.members().forEach(m -> counts.merge(m.state(now), 1, Integer::sum));
        details.put("members", roster.members().size() + (counts.isEmpty() ? "" : counts.entrySet().stream()
                .map(e -> e.getValue() + " " + e.getKey().name().toLowerCase(Locale.ROOT)).collect(Collectors.joining(", ", " (", ")"))));
        for (ClusterMembers.Member m : roster.members()) {
            details.put("member " + m.instance(), describe(m, now));
        }
        return details;
    }

    private static String describe(ClusterMembers.Member m, Instant now) {
        String last = m.lastCheckin().truncatedTo(ChronoUnit.SECONDS).toString();
        return switch (m.state(now)) {
            case RUNNING -> "ok: running, last check-in " + last;
            case STOPPED -> "ok: stopped cleanly at " + m.stoppedAt().truncatedTo(ChronoUnit.SECONDS);
            case SILENT -> "DOWN: SILENT, last check-in " + last + " (" + Duration.between(m.lastCheckin(), now).toSeconds()
                    + " s ago; it checks in every " + m.checkinSeconds() + " s)";
        };
    }
}
