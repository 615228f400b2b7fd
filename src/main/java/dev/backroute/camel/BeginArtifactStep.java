package dev.backroute.camel;

import dev.backroute.BackrouteExchange;
import dev.backroute.backup.BackupGroup;
import dev.backroute.backup.BeginArtifact;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;

/**
 * Route step {@code beginArtifactStep} ({@link BeginArtifact}): the run's next artifact becomes
 * {@link BackrouteExchange#RUN}, and how it is stored {@link BackrouteExchange#FORMAT}. Routes that make several artifacts per run (one per database) name the one
 * in hand in {@link BackrouteExchange#UNIT}.
 */
public final class BeginArtifactStep implements Processor {
    private final BeginArtifact begin;

    BeginArtifactStep(BeginArtifact begin) {
        this.begin = begin;
    }

    @Override
    public void process(Exchange exchange) throws Exception {
        BackupGroup group = exchange.getProperty(BackrouteExchange.GROUP, BackupGroup.class);
        exchange.setProperty(BackrouteExchange.RUN, begin.begin(group, exchange.getProperty(BackrouteExchange.UNIT, String.class)));
        exchange.setProperty(BackrouteExchange.FORMAT, group.type().format().configName());
    }
}
