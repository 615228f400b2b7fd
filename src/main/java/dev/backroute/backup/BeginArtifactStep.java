package dev.backroute.backup;

import dev.backroute.BackrouteExchange;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Instant;

/**
 * Starts one artifact of the run: allocates its backup id. Routes that make several artifacts per run
 * (one per database) name the one in hand in the {@link BackrouteExchange#UNIT} exchange property.
 */
public final class BeginArtifactStep implements Processor {
    private static final Logger LOG = LoggerFactory.getLogger(BeginArtifactStep.class);

    private final Clock clock;

    public BeginArtifactStep(Clock clock) {
        this.clock = clock;
    }

    @Override
    public void process(Exchange exchange) throws Exception {
        BackupGroup group = exchange.getProperty(BackrouteExchange.GROUP, BackupGroup.class);
        String unit = exchange.getProperty(BackrouteExchange.UNIT, String.class);
        Instant now = clock.instant();
        String id = BackupIds.allocate(group.type().name(), now, group.targets());
        exchange.setProperty(BackrouteExchange.RUN, new BackupRun(group, id, unit, now));
        LOG.info("backup {} started{}", id, unit == null ? "" : " (" + unit + ")");
    }
}
