package dev.backroute.backup;

import dev.backroute.catalog.BackupRecord;
import dev.backroute.catalog.ManifestAuthority;
import dev.backroute.storage.StorageTarget;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.time.Clock;

/**
 * Last stage: writes the manifest beside each stored copy. Until this stage a backup does not exist; an
 * interrupted command never reaches it (see {@link dev.backroute.Interruption}).
 */
public final class WriteManifest implements RunStage {
    private static final Logger LOG = LoggerFactory.getLogger(WriteManifest.class);

    private final ManifestAuthority authority;
    private final Clock clock;

    public WriteManifest(ManifestAuthority authority, Clock clock) {
        this.authority = authority;
        this.clock = clock;
    }

    @Override
    public void apply(BackupRun run) throws Exception {
        if (run.type().encrypt() && run.encryption() == null) {
            // A route edited without its encrypt step must not commit plaintext for a type that asks for encryption.
            throw new IllegalStateException("backup " + run.id() + " was not encrypted, but backup_types." + run.type().name()
                    + ".encrypt is true: the route that ran it has no encrypt step (check routes/backup.camel.yaml)");
        }
        if (!run.group().holdsLock()) {
            // Another member may have taken the type's lock since, and be clearing this run's upload as an orphan.
            throw new IOException("the cluster lock of " + run.type().name() + " was lost before this backup was committed"
                    + " (its connection to the cluster database broke); run the backup again");
        }
        BackupRecord record = ManifestBuilder.succeeded(run, clock.instant());
        byte[] json = authority.toJson(record);
        run.pending().commit(() -> {
            for (StorageTarget target : run.targets()) {
                target.putManifest(run.type().name(), record.manifestName(), json);
            }
            run.finish(record);
            try {
                // A backup in the repository stages nothing.
                if (run.staged() != null) {
                    Files.deleteIfExists(run.staged());
                }
            } catch (IOException e) {
                // The backup is committed; the type's next run removes the staging leftover.
                LOG.warn("could not remove staged file {}: {}", run.staged(), e.getMessage());
            }
            return null;
        });
        LOG.info("backup {} succeeded: {} bytes of content, {} bytes stored", record.id(), record.rawBytes(), record.storedBytes());
    }
}
