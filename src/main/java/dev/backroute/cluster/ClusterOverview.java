package dev.backroute.cluster;

import dev.backroute.config.ClusterConfig;
import dev.backroute.config.ConfigException;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The cluster as {@code status} and the dashboard show it: the database (where, never the password), this member,
 * and every member with its state judged by the database server's clock ({@code serverTime}). A database that cannot
 * be used is the one line of {@code error}, with no members, so whoever shows it still shows everything else.
 * Member names come from the database: whoever shows them treats them as text, never as names to look anything up by.
 */
public record ClusterOverview(String database, String instance, Instant serverTime, List<MemberView> members, String error) {

    /** A member: {@code state} is {@code running}, {@code silent} or {@code stopped}; {@code stoppedAt} null unless stopped. */
    public record MemberView(String instance, String state, Instant startedAt, Instant lastCheckin, Instant stoppedAt) {

        static MemberView of(ClusterMembers.Member m, Instant now) {
            return new MemberView(m.instance(), m.state(now).name().toLowerCase(Locale.ROOT), m.startedAt(), m.lastCheckin(),
                    m.stoppedAt());
        }
    }

    public ClusterOverview {
        members = List.copyOf(members);
    }

    /** The overview of the cluster {@code config} makes this host a member of; null when it is in none. */
    public static ClusterOverview of(ClusterConfig config, Map<String, String> env) {
        return config.enabled() ? read(new ClusterDatabase(config, env)) : null;
    }

    /** Reads the members on a read-only connection: looking at the cluster never changes it. */
    public static ClusterOverview read(ClusterDatabase db) {
        try (Connection c = db.connect("members")) {
            c.setReadOnly(true);
            if (!ClusterMembers.exists(c)) {
                // No member has started run yet: nothing to show, and nothing for a reader to create.
                return new ClusterOverview(db.where(), db.instance(), null, List.of(), null);
            }
            ClusterMembers.Roster roster = ClusterMembers.read(c);
            return new ClusterOverview(db.where(), db.instance(), roster.serverNow(),
                    roster.members().stream().map(m -> MemberView.of(m, roster.serverNow())).toList(), null);
        } catch (SQLException e) {
            return new ClusterOverview(db.where(), db.instance(), null, List.of(), db.unreachable(e));
        } catch (ConfigException e) {
            // The password's variable or file is missing: the same one line, naming the setting rather than the server.
            return new ClusterOverview(db.where(), db.instance(), null, List.of(),
                    "cluster database " + db.where() + " cannot be used: " + e.getMessage());
        }
    }
}
