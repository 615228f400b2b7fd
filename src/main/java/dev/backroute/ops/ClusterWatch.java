package dev.backroute.ops;

import dev.backroute.alert.Alert;
import dev.backroute.cluster.ClusterDatabase;
import dev.backroute.cluster.ClusterMembers;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.util.Optional;

/**
 * This member's side of the cluster roster in {@code run}: its row written at start ({@link #start}), a check-in every
 * {@code cluster.checkin_seconds} ({@link #tick}) that also reads who else is there, and its row marked stopped when
 * {@code run} stops cleanly ({@link #stop}). Each check-in's outcome feeds the metrics and the health check, and a
 * check-in that cannot reach the database is a {@link Alert.Kind#CLUSTER_UNREACHABLE} alert, the next one that can a
 * {@link Alert.Kind#CLUSTER_REACHABLE}.
 */
public final class ClusterWatch {
    /** What the cluster's alerts name as their subject, in the type's place: they are about no backup type. */
    public static final String ALERT_SUBJECT = "cluster";
    private static final Logger LOG = LoggerFactory.getLogger(ClusterWatch.class);

    private final ClusterDatabase database;
    private final ClusterMetrics metrics;
    private final Clock clock;
    private volatile ClusterStanding standing;
    /** Whether the previous check-in reached the database; null before the first one. */
    private Boolean reachedBefore;

    public ClusterWatch(ClusterDatabase database, ClusterMetrics metrics, Clock clock) {
        this.database = database;
        this.metrics = metrics;
        this.clock = clock;
    }

    /**
     * {@code run} starts: the members' table is made when missing and this member's row written anew.
     *
     * @throws IllegalStateException naming the database and what to check, when it cannot be reached
     */
    public void start() {
        try (Connection c = database.connect("members")) {
            ClusterMembers.createTable(c);
            ClusterMembers.started(c, database.instance(), database.config().checkinSeconds());
            reached(ClusterMembers.read(c));
        } catch (SQLException e) {
            throw new IllegalStateException(database.unreachable(e), e);
        }
        LOG.info("cluster member {} started, checking in every {} s", database.instance(), database.config().checkinSeconds());
    }

    /**
     * One check-in, and the roster read back. Nothing before {@link #start}. The alert to raise: an UNREACHABLE one on each
     * check-in that cannot reach the database (the throttle sends the first and reminders), and a REACHABLE one on the
     * first that can after one that could not, or on the first of this process (a series a previous one left open).
     */
    public synchronized Optional<Alert> tick() {
        if (standing == null) {
            return Optional.empty();
        }
        try (Connection c = database.connect("check-in")) {
            if (!ClusterMembers.checkIn(c, database.instance())) {
                LOG.warn("cluster member {} had no row in the cluster database (removed by hand?): written again", database.instance());
                ClusterMembers.started(c, database.instance(), database.config().checkinSeconds());
            }
            reached(ClusterMembers.read(c));
        } catch (SQLException e) {
            String error = database.unreachable(e);
            if (!Boolean.FALSE.equals(reachedBefore)) {
                LOG.warn("{}: this member's schedules cannot fire until it is back", error);
            }
            reachedBefore = false;
            standing = ClusterStanding.unreachable(error);
            metrics.unreachable();
            return Optional.of(Alert.of(Alert.Kind.CLUSTER_UNREACHABLE, ALERT_SUBJECT, error, null, null, clock.instant(), null));
        }
        boolean news = !Boolean.TRUE.equals(reachedBefore);
        if (Boolean.FALSE.equals(reachedBefore)) {
            LOG.info("cluster database {} reachable again", database.where());
        }
        reachedBefore = true;
        return news ? Optional.of(Alert.of(Alert.Kind.CLUSTER_REACHABLE, ALERT_SUBJECT, "", null, null, clock.instant(), null))
                : Optional.empty();
    }

    /** {@code run} stops cleanly: this member is marked stopped, so the others do not take it for silent. */
    public void stop() {
        if (standing == null) {
            return;
        }
        try (Connection c = database.connect("members")) {
            ClusterMembers.stopped(c, database.instance());
        } catch (SQLException e) {
            LOG.warn("cluster member {} could not be marked stopped ({}): the others will count it as silent until it starts again",
                    database.instance(), database.unreachable(e));
        }
    }

    /** What the last check-in (or the start) found; null before {@link #start}. */
    public ClusterStanding standing() {
        return standing;
    }

    private void reached(ClusterMembers.Roster roster) {
        standing = ClusterStanding.reached(roster);
        metrics.reached(roster);
    }
}
