package dev.backroute.backup;

import dev.backroute.Errors;
import dev.backroute.catalog.BackupRecord;
import dev.backroute.catalog.ManifestAuthority;
import dev.backroute.catalog.Manifests;
import dev.backroute.storage.StorageTarget;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.time.Clock;

/**
 * What a failed backup leaves: removes whatever the run staged or stored, then records the failure as a
 * {@code success: false} manifest, so a failed run leaves its error and no artifact. A failure before the
 * run began (the type was locked, say) has no run and leaves no manifest, only its log line.
 */
public final class RecordFailure {
    private static final Logger LOG = LoggerFactory.getLogger(RecordFailure.class);

    private final ManifestAuthority authority;
    private final Clock clock;

    public RecordFailure(ManifestAuthority authority, Clock clock) {
        this.authority = authority;
        this.clock = clock;
    }

    /**
     * @param type  the type whose backup failed
     * @param run   the artifact in hand, or null when the run never began
     * @param cause what failed, or null when unknown
     */
    public void record(String type, BackupRun run, Throwable cause) {
        String error = cause == null ? "unknown error" : Errors.describe(cause);
        if (run == null) {
            LOG.error("backup of {} did not start: {}", type, error);
            return;
        }
        LOG.error("backup {} failed: {}", run.id(), error);
        LOG.debug("backup {} failure detail", run.id(), cause);
        try {
            run.removeStaged();
        } catch (IOException e) {
            LOG.warn("could not clear staging files of {}: {}", run.id(), e.getMessage());
        }
        BackupRecord record = ManifestBuilder.failed(run, error, clock.instant());
        byte[] json = manifest(run, record);
        try {
            run.pending().commit(() -> record(run, record, json));
        } catch (IOException e) {
            // Only a stopping process refuses the commit (record() reports each target's failure itself):
            // the interrupt removes what the run stored, and a stopped command records nothing.
            LOG.info("not recording the failure of {}: {}", run.id(), e.getMessage());
        }
    }

    private byte[] manifest(BackupRun run, BackupRecord record) {
        try {
            return authority.toJson(record);
        } catch (RuntimeException e) {
            // An unreadable keyset may be the very failure being recorded; an unsealed record of it still helps.
            LOG.warn("recording the failure of {} without a MAC: {}", run.id(), Errors.describe(e));
            return Manifests.toJson(record);
        }
    }

    private static Void record(BackupRun run, BackupRecord record, byte[] json) {
        String type = run.type().name();
        for (StorageTarget target : run.targets()) {
            try {
                run.discardOn(target);
                target.putManifest(type, record.manifestName(), json);
            } catch (IOException | RuntimeException e) {
                LOG.error("could not record the failure of {} on target '{}': {}", run.id(), target.name(), Errors.describe(e));
            }
        }
        run.finish(record);
        return null;
    }
}
