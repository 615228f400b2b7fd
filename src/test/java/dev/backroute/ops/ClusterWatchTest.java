package dev.backroute.ops;

import dev.backroute.alert.Alert;
import dev.backroute.cluster.ClusterDatabase;
import dev.backroute.cluster.ClusterMembers;
import dev.backroute.config.ClusterConfig;
import dev.backroute.config.SecretRef;
import dev.backroute.testsupport.PgClusterFixture;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.sql.Connection;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A member's check-ins against a real PostgreSQL: its row, the roster in the metrics and the health, silent members. */
class ClusterWatchTest {
    @RegisterExtension
    static final PgClusterFixture clusterDb = new PgClusterFixture("cluster-pw");

    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private ClusterWatch watch;

    @BeforeEach
    void emptyRoster() throws Exception {
        clusterDb.server().execute("cluster", "DROP TABLE IF EXISTS backroute_cluster_members");
        watch = watch(clusterDb.jdbcUrl());
    }

    private ClusterWatch watch(String url) {
        ClusterConfig config = new ClusterConfig(true, url, "postgres", new SecretRef("cluster.password_env", "CLUSTER_PW", null), "host-a", 2);
        return new ClusterWatch(new ClusterDatabase(config, clusterDb.env()), new ClusterMetrics(() -> registry),
                Clock.systemUTC());
    }

    @Test
    void startJoinsTheRosterAndEachTickChecksInAndExportsIt() throws Exception {
        watch.start();
        ClusterMembers.Member started = onlyMember();

        Optional<Alert> first = watch.tick();

        assertThat(onlyMember().lastCheckin()).isAfterOrEqualTo(started.lastCheckin());
        assertThat(onlyMember().startedAt()).isEqualTo(started.startedAt());
        // The first check-in of a process closes a series an earlier one may have left open; the next ones say nothing.
        assertThat(first).map(Alert::kind).hasValue(Alert.Kind.CLUSTER_REACHABLE);
        assertThat(watch.tick()).isEmpty();
        assertThat(registry.scrape().lines().toList()).contains(
                "backroute_cluster_database_up 1.0",
                "backroute_cluster_members{state=\"running\"} 1.0",
                "backroute_cluster_members{state=\"silent\"} 0.0",
                "backroute_cluster_members{state=\"stopped\"} 0.0",
                "backroute_cluster_member_last_checkin_timestamp_seconds{member=\"host-a\"} "
                        + (double) onlyMember().lastCheckin().getEpochSecond());
        assertThat(watch.standing().healthy()).isTrue();
        assertThat(watch.standing().details()).containsEntry("members", "1 (1 running)");
    }

    @Test
    void aMemberThatStoppedCheckingInIsSilentAndTurnsTheHealthDownNamingIt() throws Exception {
        watch.start();
        clusterDb.server().execute("cluster", "INSERT INTO backroute_cluster_members VALUES"
                + " ('host-b', timestamptz '2020-01-01 01:00:00+00', timestamptz '2020-01-01 03:00:00+00', 15, NULL)");

        watch.tick();

        ClusterStanding standing = watch.standing();
        assertThat(standing.healthy()).isFalse();
        assertThat(standing.silent()).extracting(ClusterMembers.Member::instance).containsExactly("host-b");
        assertThat(standing.details()).containsEntry("members", "2 (1 running, 1 silent)");
        assertThat(standing.details().get("member host-b")).startsWith("DOWN: SILENT, last check-in 2020-01-01T03:00:00Z (")
                .endsWith(" s ago; it checks in every 15 s)");
        assertThat(standing.details().get("member host-a")).startsWith("ok: running, last check-in ");
        assertThat(registry.scrape().lines().toList()).contains("backroute_cluster_members{state=\"silent\"} 1.0",
                "backroute_cluster_member_last_checkin_timestamp_seconds{member=\"host-b\"} "
                        + (double) Instant.parse("2020-01-01T03:00:00Z").getEpochSecond());
    }

    @Test
    void aMemberThatStoppedCleanlyIsNotSilentAndOneRemovedLosesItsSeries() throws Exception {
        watch.start();
        clusterDb.server().execute("cluster", "INSERT INTO backroute_cluster_members VALUES ('host-c', timestamptz '2026-12-06 01:00:00+00',"
                + " timestamptz '2026-12-06 03:00:00+00', 15, timestamptz '2026-12-06 03:00:05+00')");
        watch.tick();
        assertThat(watch.standing().healthy()).isTrue();
        assertThat(watch.standing().details()).containsEntry("members", "2 (1 running, 1 stopped)")
                .containsEntry("member host-c", "ok: stopped cleanly at 2026-12-06T03:00:05Z");
        assertThat(registry.scrape()).contains("member=\"host-c\"");

        try (Connection c = clusterDb.server().connect("cluster")) {
            ClusterMembers.forget(c, "host-c");
        }
        watch.tick();

        assertThat(registry.scrape()).doesNotContain("member=\"host-c\"");
        assertThat(registry.scrape().lines().toList()).contains("backroute_cluster_members{state=\"stopped\"} 0.0");
    }

    @Test
    void aRowRemovedByHandIsWrittenAgainAtTheNextCheckIn() throws Exception {
        watch.start();
        try (Connection c = clusterDb.server().connect("cluster")) {
            ClusterMembers.forget(c, "host-a");
        }

        watch.tick();

        assertThat(onlyMember().instance()).isEqualTo("host-a");
        assertThat(onlyMember().stoppedAt()).isNull();
    }

    @Test
    void stopMarksTheMemberStoppedSoTheOthersDoNotTakeItForSilent() throws Exception {
        watch.start();

        watch.stop();

        ClusterMembers.Member stopped = onlyMember();
        assertThat(stopped.stoppedAt()).isNotNull();
        assertThat(stopped.state(stopped.stoppedAt().plusSeconds(3600))).isEqualTo(ClusterMembers.Member.State.STOPPED);
    }

    @Test
    void aDatabaseThatCannotBeReachedAtStartIsOneLineNamingIt() {
        ClusterWatch nowhere = watch("jdbc:postgresql://127.0.0.1:" + clusterDb.server().port() + "/no_such_db");

        assertThatThrownBy(nowhere::start).isInstanceOf(IllegalStateException.class)
                .hasMessageStartingWith("cluster database jdbc:postgresql://127.0.0.1:" + clusterDb.server().port() + "/no_such_db cannot be used: ")
                .hasMessageEndingWith("; check cluster.jdbc_url, cluster.user and the password, and that the server is up");
    }

    @Test
    void whileTheDatabaseIsAwayEachTickIsAnUnreachableAlertAndTheFirstBackAReachableOne() throws Exception {
        watch.start();
        watch.tick();
        clusterDb.server().stop();
        try {
            Optional<Alert> down = watch.tick();

            assertThat(down).hasValueSatisfying(alert -> {
                assertThat(alert.kind()).isEqualTo(Alert.Kind.CLUSTER_UNREACHABLE);
                assertThat(alert.type()).isEqualTo("cluster");
                assertThat(alert.error()).startsWith("cluster database jdbc:postgresql://127.0.0.1:" + clusterDb.server().port() + "/cluster cannot be used: ");
            });
            assertThat(watch.tick()).map(Alert::kind).as("every tick while down, for the throttle to count").hasValue(Alert.Kind.CLUSTER_UNREACHABLE);
            assertThat(watch.standing().healthy()).isFalse();
            assertThat(watch.standing().details()).containsOnlyKeys("database");
            assertThat(watch.standing().details().get("database")).isEqualTo("DOWN: " + down.orElseThrow().error());
            assertThat(registry.scrape().lines().toList()).contains("backroute_cluster_database_up 0.0");
        } finally {
            clusterDb.server().start();
        }

        assertThat(watch.tick()).map(Alert::kind).hasValue(Alert.Kind.CLUSTER_REACHABLE);
        assertThat(watch.tick()).isEmpty();
        assertThat(watch.standing().healthy()).isTrue();
        assertThat(registry.scrape().lines().toList()).contains("backroute_cluster_database_up 1.0");
    }

    private ClusterMembers.Member onlyMember() throws Exception {
        try (Connection c = clusterDb.server().connect("cluster")) {
            ClusterMembers.Roster roster = ClusterMembers.read(c);
            assertThat(roster.members()).hasSize(1);
            return roster.members().get(0);
        }
    }
}
