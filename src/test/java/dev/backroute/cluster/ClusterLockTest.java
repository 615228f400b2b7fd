package dev.backroute.cluster;

import dev.backroute.config.ClusterConfig;
import dev.backroute.config.SecretRef;
import dev.backroute.testsupport.PgClusterFixture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.io.IOException;
import java.net.ServerSocket;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Cluster locks on a real PostgreSQL: two holders of one name, each on its own connection as two members would be,
 * are kept apart, the refusal naming the holder; the server releases a lock whose session ends.
 */
class ClusterLockTest {
    private static final String PASSWORD = "lock-test-pw";

    @RegisterExtension
    static final PgClusterFixture clusterDb = new PgClusterFixture(PASSWORD);

    @AfterEach
    void nothingLeftHeld() throws Exception {
        assertThat(holders("data_files")).as("every test lets its locks go").isZero();
    }

    @Test
    void aSecondHolderOfTheNameIsRefusedWithTheFirstNamed() throws Exception {
        try (ClusterLock held = ClusterLock.tryAcquire(member("host-a"), "data_files", "a backup of data_files")) {
            assertThatThrownBy(() -> ClusterLock.tryAcquire(member("host-b"), "data_files", "a backup of data_files"))
                    .isInstanceOf(ClusterLock.Held.class)
                    .hasMessage("a backup of data_files is already running on cluster member host-a (cluster lock data_files in "
                            + clusterDb.jdbcUrl() + "); wait for it to finish");
            assertThat(held.held()).isTrue();
        }
    }

    @Test
    void locksOfOtherNamesDoNotCollide() throws Exception {
        try (ClusterLock backup = ClusterLock.tryAcquire(member("host-a"), "data_files", "a backup of data_files");
             ClusterLock drill = ClusterLock.tryAcquire(member("host-b"), "data_files.drill", "a drill of data_files");
             ClusterLock other = ClusterLock.tryAcquire(member("host-b"), "pg", "a backup of pg")) {
            assertThat(backup.held() && drill.held() && other.held()).isTrue();
        }
    }

    @Test
    void closingTheLockLetsAnotherMemberTakeIt() throws Exception {
        ClusterLock.tryAcquire(member("host-a"), "data_files", "a backup of data_files").close();

        try (ClusterLock taken = ClusterLock.tryAcquire(member("host-b"), "data_files", "a backup of data_files")) {
            assertThat(taken.held()).isTrue();
        }
    }

    @Test
    void aWaitingLockIsTakenOnceItsHolderLetsGo() throws Exception {
        ClusterLock first = ClusterLock.acquireWaiting(member("host-a"), "data_files");
        CompletableFuture<ClusterLock> second = CompletableFuture.supplyAsync(() -> {
            try {
                return ClusterLock.acquireWaiting(member("host-b"), "data_files");
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        });
        awaitWaiter("backroute host-b: lock of data_files");
        assertThat(second).isNotDone();

        first.close();

        try (ClusterLock taken = second.get(1, TimeUnit.MINUTES)) {
            assertThat(taken.held()).isTrue();
        }
    }

    @Test
    void aLockWhoseSessionIsKilledIsReleasedAndReportedLost() throws Exception {
        try (ClusterLock held = ClusterLock.tryAcquire(member("host-a"), "data_files", "a backup of data_files")) {
            int pid = pidOf("backroute host-a: lock of data_files");
            try (Connection c = clusterDb.server().connect("cluster"); PreparedStatement s = c.prepareStatement("SELECT pg_terminate_backend(?)")) {
                s.setInt(1, pid);
                s.execute();
            }
            awaitGone(pid);

            assertThat(held.held()).isFalse();
            try (ClusterLock taken = ClusterLock.tryAcquire(member("host-b"), "data_files", "a backup of data_files")) {
                assertThat(taken.held()).isTrue();
            }
        }
    }

    @Test
    void anUnreachableDatabaseFailsWithOneLineAndNoPassword() throws Exception {
        int closedPort;
        try (ServerSocket s = new ServerSocket(0)) {
            closedPort = s.getLocalPort();
        }
        String nowhere = "jdbc:postgresql://127.0.0.1:" + closedPort + "/cluster";
        ClusterDatabase database = new ClusterDatabase(config(nowhere, "host-a"), clusterDb.env());

        assertThatThrownBy(() -> ClusterLock.tryAcquire(database, "data_files", "a backup of data_files"))
                .isInstanceOf(IOException.class).isNotInstanceOf(ClusterLock.Held.class)
                .hasMessageStartingWith("cluster database " + nowhere + " cannot be used: ")
                .hasMessageEndingWith("; check cluster.jdbc_url, cluster.user and the password, and that the server is up")
                .hasMessageNotContaining("\n").hasMessageNotContaining(PASSWORD);
    }

    @Test
    void aWrongPasswordFailsWithOneLineThatDoesNotShowIt() {
        ClusterDatabase database = new ClusterDatabase(config(clusterDb.jdbcUrl(), "host-a"), Map.of("CLUSTER_PW", "not-the-password"));

        assertThatThrownBy(() -> ClusterLock.acquireWaiting(database, "data_files"))
                .isInstanceOf(IOException.class)
                .hasMessageStartingWith("cluster database " + clusterDb.jdbcUrl() + " cannot be used: ")
                .hasMessageContaining("password authentication failed")
                .hasMessageNotContaining("\n").hasMessageNotContaining("not-the-password");
    }

    private static ClusterDatabase member(String instance) {
        return new ClusterDatabase(config(clusterDb.jdbcUrl(), instance), clusterDb.env());
    }

    private static ClusterConfig config(String jdbcUrl, String instance) {
        return new ClusterConfig(true, jdbcUrl, "postgres", new SecretRef("cluster.password", "CLUSTER_PW", null), instance, 2);
    }

    private static long holders(String name) throws SQLException {
        try (Connection c = clusterDb.server().connect("cluster"); PreparedStatement s = c.prepareStatement("SELECT count(*) FROM pg_locks"
                + " WHERE locktype = 'advisory' AND granted AND ((classid::bigint << 32) | objid::bigint) = ?")) {
            s.setLong(1, ClusterLock.key(name));
            try (ResultSet r = s.executeQuery()) {
                r.next();
                return r.getLong(1);
            }
        }
    }

    private static int pidOf(String applicationName) throws SQLException {
        try (Connection c = clusterDb.server().connect("cluster");
             PreparedStatement s = c.prepareStatement("SELECT pid FROM pg_stat_activity WHERE application_name = ?")) {
            s.setString(1, applicationName);
            try (ResultSet r = s.executeQuery()) {
                assertThat(r.next()).as("a session named '%s'", applicationName).isTrue();
                return r.getInt(1);
            }
        }
    }

    /** Until the session {@code applicationName} waits for an advisory lock. */
    private static void awaitWaiter(String applicationName) throws Exception {
        // The waiter asks again every half second on a session of its own: it waits while that session is there.
        awaitRow("SELECT 1 FROM pg_stat_activity WHERE application_name = '" + applicationName + "'", true);
    }

    private static void awaitGone(int pid) throws Exception {
        awaitRow("SELECT 1 FROM pg_stat_activity WHERE pid = " + pid, false);
    }

    private static void awaitRow(String query, boolean present) throws Exception {
        long deadline = System.nanoTime() + Duration.ofMinutes(1).toNanos();
        while (true) {
            try (Connection c = clusterDb.server().connect("cluster"); ResultSet r = c.createStatement().executeQuery(query)) {
                if (r.next() == present) {
                    return;
                }
            }
            assertThat(System.nanoTime() - deadline).as("within a minute: %s", query).isNegative();
            Thread.sleep(50);
        }
    }
}
