package dev.backroute.cluster;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Who is in the cluster, in Backroute's own table {@code backroute_cluster_members}: Quartz deletes the row of a
 * member it takes for dead once it has taken over its work, so its own table cannot say that a member stopped
 * checking in. Each member writes its row when {@code run} starts, checks in on it ({@link #checkIn}), and marks it
 * stopped when it stops cleanly; a row neither stopped nor checked in lately is a member that went silent. Every time
 * is the database server's clock, so members whose clocks disagree still agree on who is silent.
 */
public final class ClusterMembers {
    static final String TABLE = "backroute_cluster_members";

    /**
     * A member as its row says.
     *
     * @param instance       its {@code cluster.instance}
     * @param startedAt      when its {@code run} started
     * @param lastCheckin    when it last said it was alive
     * @param checkinSeconds its check-in interval
     * @param stoppedAt      when it stopped cleanly; null while it runs, or when it died
     */
    public record Member(String instance, Instant startedAt, Instant lastCheckin, int checkinSeconds, Instant stoppedAt) {
        public enum State { RUNNING, SILENT, STOPPED }

        /** Silent once it missed its check-in by Quartz's margin (7.5 s) and one more interval. */
        public State state(Instant now) {
            if (stoppedAt != null) {
                return State.STOPPED;
            }
            Duration grace = Duration.ofSeconds(2L * checkinSeconds).plusMillis(7_500);
            return lastCheckin.plus(grace).isBefore(now) ? State.SILENT : State.RUNNING;
        }
    }

    private ClusterMembers() {}

    public static void createTable(Connection c) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute("CREATE TABLE IF NOT EXISTS " + TABLE + " (instance VARCHAR(63) PRIMARY KEY, started_at TIMESTAMPTZ NOT NULL,"
                    + " last_checkin TIMESTAMPTZ NOT NULL, checkin_seconds INTEGER NOT NULL, stopped_at TIMESTAMPTZ NULL)");
        }
    }

    /** This member starts: a new row, or its old one made new. */
    public static void started(Connection c, String instance, int checkinSeconds) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("INSERT INTO " + TABLE + " (instance, started_at, last_checkin, checkin_seconds)"
                + " VALUES (?, now(), now(), ?) ON CONFLICT (instance) DO UPDATE SET started_at = EXCLUDED.started_at,"
                + " last_checkin = EXCLUDED.last_checkin, checkin_seconds = EXCLUDED.checkin_seconds, stopped_at = NULL")) {
            s.setString(1, instance);
            s.setInt(2, checkinSeconds);
            s.executeUpdate();
        }
    }

    /** This member is alive; false when its row is gone (someone removed it), which {@link #started} puts back. */
    public static boolean checkIn(Connection c, String instance) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("UPDATE " + TABLE + " SET last_checkin = now(), stopped_at = NULL WHERE instance = ?")) {
            s.setString(1, instance);
            return s.executeUpdate() == 1;
        }
    }

    /** This member stops cleanly: the others no longer count it as silent. */
    public static void stopped(Connection c, String instance) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("UPDATE " + TABLE + " SET stopped_at = now() WHERE instance = ?")) {
            s.setString(1, instance);
            s.executeUpdate();
        }
    }

    /** Whether the table exists: it does once a member has started {@code run}, and a reader never creates it. */
    public static boolean exists(Connection c) throws SQLException {
        try (Statement probe = c.createStatement();
             ResultSet r = probe.executeQuery("SELECT to_regclass('" + TABLE + "') IS NOT NULL")) {
            r.next();
            return r.getBoolean(1);
        }
    }

    /** Whether {@code instance}'s row says it stopped cleanly; false when there is no row, or no roster yet. */
    public static boolean stoppedCleanly(Connection c, String instance) throws SQLException {
        if (!exists(c)) {
            return false;
        }
        try (PreparedStatement s = c.prepareStatement("SELECT stopped_at IS NOT NULL FROM " + TABLE + " WHERE instance = ?")) {
            s.setString(1, instance);
            try (ResultSet r = s.executeQuery()) {
                return r.next() && r.getBoolean(1);
            }
        }
    }

    /** Removes a member for good (a host taken out of the cluster); false when there was none of that name. */
    public static boolean forget(Connection c, String instance) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("DELETE FROM " + TABLE + " WHERE instance = ?")) {
            s.setString(1, instance);
            return s.executeUpdate() == 1;
        }
    }

    /**
     * The members by name, and the server's time to judge them by ({@link Member#state}).
     */
    public record Roster(Instant serverNow, List<Member> members) {}

    public static Roster read(Connection c) throws SQLException {
        List<Member> members = new ArrayList<>();
        Instant now = null;
        try (Statement s = c.createStatement();
             ResultSet r = s.executeQuery("SELECT instance, started_at, last_checkin, checkin_seconds, stopped_at, now() FROM "
                     + "(SELECT 1) AS one LEFT JOIN " + TABLE + " ON true ORDER BY instance")) {
            while (r.next()) {
                now = r.getTimestamp(6).toInstant();
                if (r.getString(1) != null) {
                    Timestamp stopped = r.getTimestamp(5);
                    members.add(new Member(r.getString(1), r.getTimestamp(2).toInstant(), r.getTimestamp(3).toInstant(), r.getInt(4),
                            stopped == null ? null : stopped.toInstant()));
                }
            }
        }
        return new Roster(now, List.copyOf(members));
    }
}
