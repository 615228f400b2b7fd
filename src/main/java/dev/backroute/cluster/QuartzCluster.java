package dev.backroute.cluster;

import dev.backroute.Hosts;
import dev.backroute.config.ClusterConfig;
import dev.backroute.config.ConfigException;
import org.quartz.Scheduler;
import org.quartz.SchedulerException;
import org.quartz.TriggerKey;
import org.quartz.impl.matchers.GroupMatcher;
import org.quartz.utils.DBConnectionManager;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;

/**
 * Makes {@code run}'s Quartz scheduler a member of the cluster: its tables, this member's name checked against the
 * running members, and the properties of Quartz's clustered JDBC JobStore.
 */
public final class QuartzCluster {
    private static final Logger LOG = LoggerFactory.getLogger(QuartzCluster.class);
    /** The scheduler name every member shares: Quartz's rows are keyed by it. */
    public static final String SCHEDULER = "backroute";
    private static final String DATA_SOURCE = "backroute-cluster";
    /** The trigger group of the scheduled-backup routes ({@code quartz:backup/<type>}). */
    private static final String BACKUP_GROUP = "backup";

    private QuartzCluster() {}

    /**
     * Creates Quartz's tables when missing, refuses a name another running member checks in with, and hands Quartz
     * its connections. Called before the scheduler starts.
     */
    public static void prepare(ClusterDatabase database) throws IOException {
        try (Connection c = database.connect("start")) {
            ClusterSchema.ensure(c);
            refuseRunningTwin(c, database.config());
        } catch (SQLException e) {
            throw new IOException(database.unreachable(e), e);
        }
        DBConnectionManager.getInstance().addConnectionProvider(DATA_SOURCE, new ClusterConnections(database));
    }

    /** The Quartz properties of a clustered member. */
    public static Map<String, String> properties(ClusterConfig cluster) {
        long checkin = cluster.checkinSeconds() * 1000L;
        Map<String, String> p = new LinkedHashMap<>();
        p.put("org.quartz.scheduler.instanceName", SCHEDULER);
        p.put("org.quartz.scheduler.instanceId", cluster.instance());
        p.put("org.quartz.scheduler.skipUpdateCheck", "true");
        p.put("org.quartz.threadPool.threadCount", "10");
        p.put("org.quartz.jobStore.class", "org.quartz.impl.jdbcjobstore.JobStoreTX");
        p.put("org.quartz.jobStore.driverDelegateClass", "org.quartz.impl.jdbcjobstore.PostgreSQLDelegate");
        p.put("org.quartz.jobStore.dataSource", DATA_SOURCE);
        p.put("org.quartz.jobStore.isClustered", "true");
        p.put("org.quartz.jobStore.clusterCheckinInterval", Long.toString(checkin));
        // A fire late by more than this is a misfire: it runs once, late, rather than not at all (misfireInstruction 1).
        p.put("org.quartz.jobStore.misfireThreshold", "60000");
        // How soon a member tries its database again after losing it: no longer than a check-in.
        p.put("org.quartz.jobStore.dbRetryInterval", Long.toString(Math.min(checkin, 15_000L)));
        p.put("org.quartz.jobStore.acquireTriggersWithinLock", "true");
        // Job data as text, not serialized Java objects: a row of the cluster database is never deserialized into code.
        p.put("org.quartz.jobStore.useProperties", "true");
        return p;
    }

    /**
     * Warns of the cluster's backup schedules this member's config does not enable: their fires that reach this member
     * do nothing (Camel finds no route for them), so while configs differ, some fires of those types are lost.
     */
    public static void warnOfForeignSchedules(Scheduler scheduler, Set<String> enabled) throws SchedulerException {
        for (TriggerKey key : scheduler.getTriggerKeys(GroupMatcher.triggerGroupEquals(BACKUP_GROUP))) {
            if (!enabled.contains(key.getName())) {
                LOG.warn("the cluster schedules backups of {}, which this member's config does not enable: the fires of it that"
                        + " reach this member do nothing; give every member the same config", Hosts.shown(key.getName()));
            }
        }
    }

    /**
     * Two members of one name would each take the other's work for its own. A row of this name that still checks in
     * is another process: refused. One that stops changing within Quartz's dead margin, or that the roster says
     * stopped cleanly, was this member before it was stopped or killed, and is taken over.
     */
    private static void refuseRunningTwin(Connection c, ClusterConfig cluster) throws SQLException, IOException {
        OptionalLong first = lastCheckin(c, cluster.instance());
        if (first.isEmpty() || ClusterMembers.stoppedCleanly(c, cluster.instance())) {
            return;
        }
        // Whether the row still changes, not how old it looks: its time is the other process's clock.
        Duration margin = cluster.deadAfter();
        LOG.info("cluster member {} did not stop cleanly: waiting up to {} s to see whether it still runs elsewhere",
                cluster.instance(), margin.toSeconds());
        long deadline = System.nanoTime() + margin.toNanos();
        while (System.nanoTime() < deadline) {
            sleep(500);
            OptionalLong now = lastCheckin(c, cluster.instance());
            if (now.isEmpty()) {
                return; // another member took it for dead and removed it
            }
            if (now.getAsLong() != first.getAsLong()) {
                throw new ConfigException("cluster.instance", "cluster.instance: a running member already checks in as '"
                        + cluster.instance() + "'; give each host its own cluster.instance (default: its host name)");
            }
        }
    }

    private static OptionalLong lastCheckin(Connection c, String instance) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(
                "SELECT last_checkin_time FROM qrtz_scheduler_state WHERE sched_name = ? AND instance_name = ?")) {
            s.setString(1, SCHEDULER);
            s.setString(2, instance);
            try (ResultSet r = s.executeQuery()) {
                return r.next() ? OptionalLong.of(r.getLong(1)) : OptionalLong.empty();
            }
        }
    }

    private static void sleep(long millis) throws InterruptedIOException {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while checking the cluster for another member of this name");
        }
    }
}
