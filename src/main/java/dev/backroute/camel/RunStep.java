package dev.backroute.camel;

import dev.backroute.BackrouteExchange;
import dev.backroute.backup.BackupRun;
import dev.backroute.backup.RunStage;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;

/**
 * A route step that runs one plain stage of a backup ({@link RunStage}) on the exchange's artifact in hand
 * ({@link BackrouteExchange#RUN}). Each stage the routes name has a small subclass, so its bean name is its
 * class name in lowerCamelCase, as for every bean.
 */
abstract class RunStep implements Processor {
    private final RunStage stage;

    RunStep(RunStage stage) {
        this.stage = stage;
    }

    @Override
    public void process(Exchange exchange) throws Exception {
        stage.apply(run(exchange));
    }

    static BackupRun run(Exchange exchange) {
        return exchange.getProperty(BackrouteExchange.RUN, BackupRun.class);
    }
}
