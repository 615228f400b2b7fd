package dev.backroute.backup;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.time.Clock;
import java.time.Instant;

/**
 * Starts one artifact of the run: allocates its backup id. Kinds that make several artifacts per run
 * (one per database) name the one in hand, its unit.
 */
public final class BeginArtifact {
    private static final Logger LOG = LoggerFactory.getLogger(BeginArtifact.class);

    private final Clock clock;

    public BeginArtifact(Clock clock) {
        this.clock = clock;
    }

    /** @param unit what the artifact holds within the run (a database), or null when the run makes one artifact */
    public BackupRun begin(BackupGroup group, String unit) throws IOException {
        Instant now = clock.instant();
        String id = BackupIds.allocate(group.type().name(), now, group.targets());
        LOG.info("backup {} started{}", id, unit == null ? "" : " (" + unit + ")");
        return new BackupRun(group, id, unit, now);
    }
}
