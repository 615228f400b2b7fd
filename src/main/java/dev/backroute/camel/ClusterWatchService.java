package dev.backroute.camel;

import dev.backroute.ops.ClusterWatch;
import org.apache.camel.CamelContext;
import org.apache.camel.health.HealthCheckRegistry;
import org.apache.camel.support.service.ServiceSupport;

/**
 * The cluster watch in {@code run}: this member joins the roster as the service starts and is marked stopped as the
 * context stops (after its routes: a backup in flight finishes first), and the health check {@code cluster} is served.
 * The check-ins are the cluster-watch route's.
 */
final class ClusterWatchService extends ServiceSupport {
    private final ClusterWatch watch;

    private ClusterWatchService(ClusterWatch watch) {
        this.watch = watch;
    }

    static void install(CamelContext context, ClusterWatch watch) throws Exception {
        context.addService(new ClusterWatchService(watch), true, true);
        HealthCheckRegistry.get(context).register(new ClusterHealthCheck(watch));
    }

    @Override
    protected void doStart() {
        watch.start();
    }

    @Override
    protected void doStop() {
        watch.stop();
    }
}
