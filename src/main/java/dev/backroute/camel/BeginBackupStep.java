package dev.backroute.camel;

import dev.backroute.BackrouteExchange;
import dev.backroute.backup.BackupGroup;
import dev.backroute.backup.BeginBackup;
import dev.backroute.pipeline.ProgressListener;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.apache.camel.spi.Synchronization;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;

/**
 * First step of every backup route ({@link BeginBackup}): opens a run of the type the route names
 * ({@link BackrouteExchange#TYPE}), whose lock is released when the exchange completes, however it ends, then
 * clears what interrupted runs left. The run is {@link BackrouteExchange#GROUP} from then on, even when
 * clearing fails, so what follows a failed run sees it.
 */
public final class BeginBackupStep implements Processor {
    private static final Logger LOG = LoggerFactory.getLogger(BeginBackupStep.class);

    private final BeginBackup begin;

    BeginBackupStep(BeginBackup begin) {
        this.begin = begin;
    }

    @Override
    public void process(Exchange exchange) throws Exception {
        BackupGroup group = begin.open(exchange.getProperty(BackrouteExchange.TYPE, String.class),
                exchange.getProperty(BackrouteExchange.PROGRESS, ProgressListener.NONE, ProgressListener.class),
                exchange.getProperty(BackrouteExchange.READ_ALL, false, Boolean.class));
        exchange.getExchangeExtension().addOnCompletion(new ReleaseLock(group));
        exchange.setProperty(BackrouteExchange.GROUP, group);
        begin.clearLeftovers(group);
    }

    private record ReleaseLock(BackupGroup group) implements Synchronization {
        @Override
        public void onComplete(Exchange exchange) { release(); }

        @Override
        public void onFailure(Exchange exchange) { release(); }

        private void release() {
            try {
                group.releaseLock();
            } catch (IOException e) {
                LOG.warn("could not release a backup lock: {}", e.getMessage());
            }
        }
    }
}
