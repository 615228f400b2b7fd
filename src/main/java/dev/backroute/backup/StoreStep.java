package dev.backroute.backup;

import dev.backroute.catalog.BackupRecord.StoredCopy;
import dev.backroute.storage.StorageTarget;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Puts the staged artifact on every storage target the type lists, recording where each copy went. */
public final class StoreStep implements Processor {
    private static final Logger LOG = LoggerFactory.getLogger(StoreStep.class);

    @Override
    public void process(Exchange exchange) throws Exception {
        BackupRun run = exchange.getProperty(BackupRun.PROPERTY, BackupRun.class);
        String type = run.type().name();
        for (StorageTarget target : run.targets()) {
            target.putArtifact(type, run.artifactName(), run.staged());
            run.storedAt(new StoredCopy(target.name(), target.uri(type, run.artifactName())));
            LOG.info("stored {} on target '{}'", run.artifactName(), target.name());
        }
    }
}
