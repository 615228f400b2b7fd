package dev.backroute.backup;

import dev.backroute.Errors;
import dev.backroute.catalog.BackupRecord.StoredCopy;
import dev.backroute.storage.StorageTarget;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Puts the staged artifact on every storage target the type lists, recording where each copy went. A
 * failure names its target; the error path then removes the copies already stored, as a backup exists
 * only once every listed target holds it. Progress counts whole copies: the targets stream the file
 * themselves.
 */
public final class Store implements RunStage {
    private static final Logger LOG = LoggerFactory.getLogger(Store.class);

    @Override
    public void apply(BackupRun run) throws Exception {
        String type = run.type().name();
        AtomicLong uploaded = new AtomicLong();
        run.progress().begin("upload", run.storedBytes() * run.targets().size(), uploaded::get);
        for (StorageTarget target : run.targets()) {
            try {
                target.putArtifact(type, run.artifactName(), run.staged());
            } catch (IOException | RuntimeException e) {
                throw new IOException("storing on target '" + target.name() + "' failed: " + Errors.describe(e), e);
            }
            run.storedAt(new StoredCopy(target.name(), target.uri(type, run.artifactName())));
            LOG.info("stored {} on target '{}'", run.artifactName(), target.name());
            uploaded.addAndGet(run.storedBytes());
        }
        run.progress().end();
    }
}
