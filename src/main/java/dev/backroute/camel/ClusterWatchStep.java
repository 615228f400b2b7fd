package dev.backroute.camel;

import dev.backroute.ops.ClusterWatch;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;

/** Route step of cluster-watch: one {@link ClusterWatch#tick}, its alert recorded for the route to raise. */
public final class ClusterWatchStep implements Processor {
    private final ClusterWatch watch;

    ClusterWatchStep(ClusterWatch watch) {
        this.watch = watch;
    }

    @Override
    public void process(Exchange exchange) {
        watch.tick().ifPresent(alert -> AlertRecorder.record(exchange, alert));
    }
}
