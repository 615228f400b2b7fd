package dev.backroute.cli;

import dev.backroute.cluster.ClusterDatabase;
import dev.backroute.cluster.ClusterMembers;
import dev.backroute.cluster.ClusterMembers.Member;
import dev.backroute.config.ClusterConfig;
import dev.backroute.config.DidYouMean;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Removes a member that will not come back from the roster, which otherwise reports it silent for ever: in
 * {@code status}, the {@code cluster} health check and the BackrouteClusterMemberSilent alert of every member.
 * Only Backroute's roster is changed. Quartz's row of that member in {@code qrtz_scheduler_state} is left to Quartz:
 * a running member deletes it once it has taken over that member's work (within a check-in and 7.5 s, before the
 * roster calls the member silent), and a member that starts deletes every stale one on its first check-in. A row
 * left while no member runs misleads nobody: only that recovery reads it, and the start-up check of a member of the
 * same name, which takes a row that no longer changes for a dead member's.
 */
@Command(name = "forget", description = "Remove a cluster member that is gone for good (silent or stopped) from the cluster:"
        + " status, the cluster health check and the silent-member alert stop reporting it. A member that still checks in is refused.",
        footer = {"", "Examples:",
                "  ./backroute cluster forget host-c         # a host taken out, or dead for good",
                "  ./backroute cluster forget host-c --json"})
final class ClusterForgetCommand extends CommandBase {

    @Parameters(paramLabel = "INSTANCE", description = "the member's cluster.instance, as ./backroute status lists it")
    String instance;

    @Override
    public Integer call() throws IOException {
        ClusterConfig cluster = config().cluster();
        if (!cluster.enabled()) {
            throw new ErrorReporter.UsageException(config().configFile() + " has no cluster: cluster forget needs a \"cluster\" block"
                    + " with \"enabled\": true (docs/configuration.md#cluster)");
        }
        ClusterDatabase database = new ClusterDatabase(cluster, env());
        Member member;
        String state;
        try (Connection c = database.connect("forget a member")) {
            ClusterMembers.Roster roster = ClusterMembers.exists(c) ? ClusterMembers.read(c) : null;
            List<Member> members = roster == null ? List.of() : roster.members();
            member = members.stream().filter(m -> m.instance().equals(instance)).findFirst()
                    .orElseThrow(() -> new ErrorReporter.UsageException(notAMember(database, members)));
            Member.State now = member.state(roster.serverNow());
            if (now == Member.State.RUNNING) {
                throw new IOException("cluster member " + ClusterSection.name(instance) + " still checks in (last check-in "
                        + Times.ago(member.lastCheckin(), roster.serverNow()) + "): stop its ./backroute run first, then forget it");
            }
            // A member started again since the roster was read loses its row here, and puts it back at its next check-in.
            ClusterMembers.forget(c, instance);
            state = now.name().toLowerCase(Locale.ROOT);
        } catch (SQLException e) {
            throw new IOException(database.unreachable(e), e);
        }
        String when = member.stoppedAt() != null ? "at " + Times.human(member.stoppedAt()) : "since " + Times.human(member.lastCheckin());
        print(new JsonObject().with("forgotten", member.instance()).with("state", state).with("last_checkin", member.lastCheckin()),
                () -> out().println("forgot cluster member " + ClusterSection.name(member.instance()) + " (" + state + " " + when + ")"));
        return ExitCodes.OK;
    }

    /** The name given is no member's: the members there are, and the one probably meant. */
    private String notAMember(ClusterDatabase database, List<Member> members) {
        String given = "no cluster member '" + ClusterSection.name(instance) + "' in " + database.where();
        if (members.isEmpty()) {
            return given + ": no member has started ./backroute run yet";
        }
        List<String> names = members.stream().map(Member::instance).toList();
        Optional<String> meant = DidYouMean.closest(instance, names);
        return given + "; its members are " + String.join(", ", names.stream().map(ClusterSection::name).toList())
                + meant.map(m -> "; did you mean '" + ClusterSection.name(m) + "'?").orElse("");
    }
}
