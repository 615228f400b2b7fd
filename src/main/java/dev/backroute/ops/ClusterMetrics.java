package dev.backroute.ops;

import dev.backroute.Hosts;
import dev.backroute.cluster.ClusterMembers;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;

import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * The cluster's meters, set on each check-in of {@link ClusterWatch}. A member's check-in time is labelled {@code member}, not
 * {@code instance}: Prometheus gives a scraped series' {@code instance} label to the target it scraped.
 */
public final class ClusterMetrics {
    private final Supplier<MeterRegistry> registry;
    private final AtomicInteger databaseUp = new AtomicInteger();
    private final Map<ClusterMembers.Member.State, AtomicInteger> counts = new EnumMap<>(ClusterMembers.Member.State.class);
    private volatile MultiGauge lastCheckins;

    public ClusterMetrics(Supplier<MeterRegistry> registry) {
        this.registry = registry;
        for (ClusterMembers.Member.State state : ClusterMembers.Member.State.values()) {
            counts.put(state, new AtomicInteger());
        }
    }

    /** The last check-in could not reach the database: the members' figures stay as they were last seen. */
    public void unreachable() {
        register();
        databaseUp.set(0);
    }

    /** The roster as the last check-in read it; a member no longer in it loses its series. */
    public void reached(ClusterMembers.Roster roster) {
        register();
        databaseUp.set(1);
        counts.values().forEach(count -> count.set(0));
        roster.members().forEach(m -> counts.get(m.state(roster.serverNow())).incrementAndGet());
        // Names read from the database are labels only as status would print them; a blank one has no series.
        lastCheckins.register(roster.members().stream().filter(m -> Hosts.shown(m.instance()) != null)
                .map(m -> MultiGauge.Row.of(Tags.of("member", Hosts.shown(m.instance())), m.lastCheckin().getEpochSecond()))
                .toList(), true);
    }

    private synchronized void register() {
        if (lastCheckins != null) {
            return;
        }
        MeterRegistry reg = registry.get();
        Gauge.builder("backroute_cluster_database_up", databaseUp, AtomicInteger::get)
                .description("1 when this member's last check-in reached the cluster database, 0 when it could not").register(reg);
        counts.forEach((state, count) -> Gauge.builder("backroute_cluster_members", count, AtomicInteger::get)
                .description("Cluster members by state, as this member's last check-in read them")
                .tags("state", state.name().toLowerCase(Locale.ROOT)).register(reg));
        lastCheckins = MultiGauge.builder("backroute_cluster_member_last_checkin_timestamp_seconds")
                .description("When each cluster member last checked in, by the database server's clock (Unix time)").register(reg);
    }
}
