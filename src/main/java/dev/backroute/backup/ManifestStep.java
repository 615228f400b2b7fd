package dev.backroute.backup;

import dev.backroute.catalog.BackupRecord;
import dev.backroute.catalog.Manifests;
import dev.backroute.storage.StorageTarget;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Files;
import java.time.Clock;

/** Last step: writes the manifest beside each stored copy. Until this step a backup does not exist. */
public final class ManifestStep implements Processor {
    private static final Logger LOG = LoggerFactory.getLogger(ManifestStep.class);

    private final Clock clock;

    public ManifestStep(Clock clock) {
        this.clock = clock;
    }

    @Override
    public void process(Exchange exchange) throws Exception {
        BackupRun run = exchange.getProperty(BackupRun.PROPERTY, BackupRun.class);
        BackupRecord record = ManifestBuilder.succeeded(run, clock.instant());
        byte[] json = Manifests.toJson(record);
        for (StorageTarget target : run.targets()) {
            target.putManifest(run.type().name(), record.manifestName(), json);
        }
        Files.deleteIfExists(run.staged());
        run.finish(record);
        LOG.info("backup {} succeeded: {} bytes of content, {} bytes stored", record.id(), record.rawBytes(), record.storedBytes());
    }
}
