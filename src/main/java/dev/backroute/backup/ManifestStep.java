package dev.backroute.backup;

import dev.backroute.catalog.BackupRecord;
import dev.backroute.catalog.Manifests;
import dev.backroute.storage.StorageTarget;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
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
        run.finish(record);
        try {
            Files.deleteIfExists(run.staged());
        } catch (IOException e) {
            // The backup is committed; the type's next run removes the staging leftover.
            LOG.warn("could not remove staged file {}: {}", run.staged(), e.getMessage());
        }
        LOG.info("backup {} succeeded: {} bytes of content, {} bytes stored", record.id(), record.rawBytes(), record.storedBytes());
    }
}
