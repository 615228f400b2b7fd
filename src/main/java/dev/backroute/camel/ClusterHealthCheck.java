package dev.backroute.camel;

import dev.backroute.ops.ClusterStanding;
import dev.backroute.ops.ClusterWatch;
import org.apache.camel.health.HealthCheckResultBuilder;
import org.apache.camel.impl.health.AbstractHealthCheck;

import java.util.Map;

/** {@code /observe/health} (camel-health) turns DOWN when this member's last check-in could not reach the cluster database or a member is silent. */
final class ClusterHealthCheck extends AbstractHealthCheck {
    private final ClusterWatch watch;

    ClusterHealthCheck(ClusterWatch watch) {
        super("backroute", "cluster");
        this.watch = watch;
    }

    @Override
    protected void doCall(HealthCheckResultBuilder builder, Map<String, Object> options) {
        ClusterStanding standing = watch.standing();
        if (standing == null) {
            builder.detail("members", "not started").down();
            return;
        }
        standing.details().forEach(builder::detail);
        if (standing.healthy()) {
            builder.up();
        } else {
            builder.down();
        }
    }
}
