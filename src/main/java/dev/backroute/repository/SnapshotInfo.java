package dev.backroute.repository;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/**
 * What the backup step tells {@link Backup#commit} about the run: the type, the backup id it is known by,
 * its times, whether it holds a file tree or one stream, and facts about the source (host, database version,
 * counts) kept as text.
 */
public record SnapshotInfo(String type, String backupId, Instant started, Instant finished, Snapshot.Kind kind,
        Map<String, String> source) {
    public SnapshotInfo {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(backupId, "backupId");
        Objects.requireNonNull(started, "started");
        Objects.requireNonNull(finished, "finished");
        Objects.requireNonNull(kind, "kind");
        source = Map.copyOf(source);
    }
}
