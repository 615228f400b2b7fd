package dev.backroute.camel;

import dev.backroute.ops.TargetProbe;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;

/** Route step of overdue-check: {@link TargetProbe}. */
public final class TargetProbeStep implements Processor {
    private final TargetProbe probe;

    TargetProbeStep(TargetProbe probe) {
        this.probe = probe;
    }

    @Override
    public void process(Exchange exchange) {
        probe.probeAll();
    }
}
