package dev.backroute.backup;

import dev.backroute.Errors;
import dev.backroute.archive.SourceStat;
import dev.backroute.archive.WalkOrder;
import dev.backroute.repository.Backup;
import dev.backroute.repository.Repository;
import dev.backroute.repository.Snapshot;
import dev.backroute.repository.TreeEntry;
import dev.backroute.repository.TreeReader;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;

/**
 * The files cache of one target (restic's and Borg's): the tree of the type's last files snapshot in that
 * target's repository, read along with the walk in the same order, so memory is one entry whatever the tree's
 * size. A file is unchanged, and its chunk list and digest are taken over instead of reading it, when the entry at
 * its name is a file with the same size, modification time, change time and inode; when that change time is
 * safely before the snapshot began, by more than the file system's timestamp granularity (a file written in the
 * same clock tick as it was first read would otherwise keep a stale entry forever, git's "racy clean" problem:
 * {@link #COARSE} where change times fall on whole seconds, {@link #FINE} where they carry nanoseconds); and when
 * the repository still holds every chunk of it. A tree that fails to read ends the cache for this backup: the files
 * are then read, nothing fails.
 */
final class PreviousTree implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(PreviousTree.class);
    /** For file systems that keep whole seconds (ext3, HFS+) or two (FAT). */
    static final Duration COARSE = Duration.ofSeconds(2);
    /** For those that keep nanoseconds (ext4, XFS, btrfs, tmpfs), stamped from a clock that ticks every few ms. */
    static final Duration FINE = Duration.ofMillis(100);

    private final TreeReader reader;
    private final WalkOrder order;
    private final Instant snapshotStarted;
    private final String snapshot;
    private TreeEntry ahead;
    private boolean reading;
    private boolean ended;

    private PreviousTree(TreeReader reader, WalkOrder order, Snapshot snapshot) {
        this.reader = reader;
        this.order = order;
        this.snapshotStarted = snapshot.info().started();
        this.snapshot = snapshot.name();
    }

    /** The tree of {@code snapshot} as a files cache, or null when it is not a files snapshot of {@code type}. */
    static PreviousTree of(Repository repository, Snapshot snapshot, String type, WalkOrder order) {
        if (!snapshot.info().type().equals(type) || snapshot.info().kind() != Snapshot.Kind.FILES) {
            return null;
        }
        return new PreviousTree(repository.tree(snapshot), order, snapshot);
    }

    /** The entry recorded for the file {@code name}, if the file is unchanged since and {@code backup} holds its chunks. */
    TreeEntry unchanged(String name, SourceStat stat, Backup backup) {
        TreeEntry entry = at(name);
        if (entry == null || entry.kind() != TreeEntry.Kind.FILE || entry.sha256() == null || entry.size() != stat.size()) {
            return null;
        }
        TreeEntry.Attributes was = entry.attributes();
        boolean same = was.modified().equals(stat.modified().toInstant()) && was.changed().equals(stat.changed().toInstant())
                && was.inode() == stat.inode() && settledBeforeTheSnapshot(was.changed());
        return same && backup.holds(entry.chunks()) ? entry : null;
    }

    private boolean settledBeforeTheSnapshot(Instant changed) {
        return changed.isBefore(snapshotStarted.minus(changed.getNano() == 0 ? COARSE : FINE));
    }

    private TreeEntry at(String name) {
        try {
            if (!reading) {
                reading = true;
                ahead = reader.next();
            }
            while (ahead != null && order.compare(ahead.path(), name) < 0) {
                ahead = reader.next();
            }
        } catch (IOException | RuntimeException e) {
            if (!ended) {
                LOG.warn("files cache off for the rest of this backup: the tree of snapshot {} could not be read ({});"
                        + " the remaining files are read", snapshot, Errors.describe(e));
            }
            ended = true;
            ahead = null;
        }
        return ahead != null && ahead.path().equals(name) ? ahead : null;
    }

    @Override
    public void close() throws IOException {
        reader.close();
    }
}
