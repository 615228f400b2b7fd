package dev.backroute.ops;

import dev.backroute.BackrouteExchange;
import dev.backroute.catalog.BackupManager;
import dev.backroute.config.BackupConfig;
import dev.backroute.config.TypeConfig;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.Processor;
import org.apache.camel.support.DefaultExchange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;

/**
 * At start-up, one backup of each enabled type that is due (a fire time of its schedule has passed since
 * its last success started): runs missed while the runtime was down are made up once, not once per missed fire.
 */
public final class CatchUpStep implements Processor {
    private static final Logger LOG = LoggerFactory.getLogger(CatchUpStep.class);

    private final BackupConfig config;
    private final BackupManager manager;
    private final Clock clock;

    public CatchUpStep(BackupConfig config, BackupManager manager, Clock clock) {
        this.config = config;
        this.manager = manager;
        this.clock = clock;
    }

    @Override
    public void process(Exchange exchange) throws Exception {
        try (ProducerTemplate producer = exchange.getContext().createProducerTemplate()) {
            for (TypeConfig type : config.enabledTypes()) {
                if (manager.getBackupStatus(type.name()).isDue(clock.instant())) {
                    LOG.info("{} missed its schedule while Backroute was not running: backing it up now", type.name());
                    Exchange run = new DefaultExchange(exchange.getContext());
                    run.setProperty(BackrouteExchange.TYPE, type.name());
                    producer.send("direct:backup-" + type.name(), run);
                    producer.send("direct:after-backup", run);
                }
            }
        }
    }
}
