package dev.backroute.cli;

import dev.backroute.Errors;
import dev.backroute.Hosts;
import dev.backroute.cluster.ClusterOverview;
import dev.backroute.cluster.ClusterOverview.MemberView;

import java.util.ArrayList;
import java.util.List;

/**
 * The cluster in {@code status}'s text: the database and this member, then one line per member, e.g.
 * {@code host-a  running since 2026-12-06 04:00:00 UTC, last check-in 3 s ago}. Member names and the database's
 * error come from the database and go through {@link Hosts#shown} and {@link Errors#inert} like text from storage.
 */
final class ClusterSection {

    private ClusterSection() {}

    static List<String> lines(ClusterOverview cluster) {
        List<String> lines = new ArrayList<>();
        lines.add("cluster  database " + cluster.database() + ", this member " + cluster.instance());
        if (cluster.error() != null) {
            lines.add("  " + Errors.inert(cluster.error()));
        } else if (cluster.members().isEmpty()) {
            lines.add("  no member has started ./backroute run yet");
        } else {
            int width = cluster.members().stream().mapToInt(m -> name(m.instance()).length()).max().orElse(0);
            for (MemberView m : cluster.members()) {
                String mark = cluster.instance().equals(m.instance()) ? "  (this member)" : "";
                lines.add("  " + String.format("%-" + width + "s", name(m.instance())) + "  " + state(m, cluster) + mark);
            }
        }
        return lines;
    }

    /** A member's name as it may be shown; a blank one (written by hand into the table) as "(no name)". */
    static String name(String instance) {
        String shown = Hosts.shown(instance);
        return shown == null ? "(no name)" : shown;
    }

    /** What the member is doing, judged by the database's clock, and when it last said it was alive. */
    private static String state(MemberView m, ClusterOverview cluster) {
        String checkin = "last check-in " + Times.ago(m.lastCheckin(), cluster.serverTime());
        return switch (m.state()) {
            case "stopped" -> "stopped at " + Times.human(m.stoppedAt()) + ", " + checkin;
            case "silent" -> "SILENT since " + Times.human(m.lastCheckin()) + ", " + checkin;
            default -> "running since " + Times.human(m.startedAt()) + ", " + checkin;
        };
    }
}
