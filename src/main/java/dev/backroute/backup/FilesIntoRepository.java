package dev.backroute.backup;

import dev.backroute.archive.SourceStat;
import dev.backroute.archive.SourceVisitor;
import dev.backroute.pipeline.DigestingOutputStream;
import dev.backroute.repository.Backup;
import dev.backroute.repository.TreeDigest;
import dev.backroute.repository.TreeEntry;

import java.io.IOException;
import java.io.OutputStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * A files type's walk into a repository on each target: one tree entry per directory, link and file, with each
 * file's own chunks (a file's chunks never span into the next file, so an unchanged file keeps its chunks wherever
 * it moves in the tree). A file that every target's files cache finds unchanged is not read: its chunk list and
 * digest are taken from that target's last snapshot. Otherwise it is read once, into every target's chunker and
 * its SHA-256. The {@link TreeDigest} over the entries becomes the manifest's {@code content_sha256}.
 */
final class FilesIntoRepository implements SourceVisitor {

    /** One target's backup and its files cache (null: no usable last snapshot, or the cache is off). */
    record Target(Backup backup, PreviousTree previous) {}

    private final List<Target> targets;
    private final TreeDigest digest = new TreeDigest();
    private long filesRead;
    private long filesUnchanged;
    private volatile long bytes;

    private TreeEntry.Attributes current;
    private String currentName;
    private List<Backup.StreamSink> sinks;
    /** The file being read; volatile for {@link #bytes}, which the progress display calls from its own thread. */
    private volatile DigestingOutputStream content;

    FilesIntoRepository(List<Target> targets) {
        this.targets = List.copyOf(targets);
    }

    @Override
    public void directory(String name, SourceStat stat) throws IOException {
        add(t -> TreeEntry.directory(name, attributes(stat)));
    }

    @Override
    public void symlink(String name, SourceStat stat, String target) throws IOException {
        add(t -> TreeEntry.symlink(name, attributes(stat), target));
    }

    @Override
    public boolean unchanged(String name, SourceStat stat) throws IOException {
        List<TreeEntry> before = new ArrayList<>(targets.size());
        for (Target t : targets) {
            TreeEntry entry = t.previous() == null ? null : t.previous().unchanged(name, stat, t.backup());
            // Every target must agree on the content, or the manifest's digest would hold for one of them only.
            if (entry == null || !before.isEmpty() && !entry.sha256().equals(before.get(0).sha256())) {
                return false;
            }
            before.add(entry);
        }
        TreeEntry.Attributes now = attributes(stat);
        add(t -> TreeEntry.file(name, now, before.get(t).content(), before.get(t).sha256()));
        filesUnchanged++;
        bytes += stat.size();
        return true;
    }

    @Override
    public OutputStream beginFile(String name, SourceStat stat) {
        currentName = name;
        current = attributes(stat);
        sinks = targets.stream().map(t -> t.backup().openStream()).toList();
        content = new DigestingOutputStream(RepositoryStore.tee(sinks));
        return content;
    }

    /**
     * A file not read whole keeps what was read, but no change time the cache could ever trust: however its stat
     * looks next time, the next backup reads it again rather than keep zeros or a torn copy.
     */
    @Override
    public void endFile(boolean whole) throws IOException {
        String sha256 = content.sha256Hex();
        TreeEntry.Attributes attributes = whole ? current : current.changed(Instant.MAX);
        List<Backup.StreamSink> finishing = sinks;
        sinks = null;
        List<TreeEntry> entries = new ArrayList<>();
        for (Backup.StreamSink sink : finishing) {
            entries.add(TreeEntry.file(currentName, attributes, sink.finish(), sha256));
        }
        add(entries::get);
        filesRead++;
        long read = content.count();
        content = null;
        bytes += read;
    }

    /** Files read, and files taken over from the last snapshot unread. */
    long filesRead() {
        return filesRead;
    }

    long filesUnchanged() {
        return filesUnchanged;
    }

    /** Bytes of the files so far, read or not: the progress of the walk. */
    long bytes() {
        DigestingOutputStream reading = content;
        return bytes + (reading == null ? 0 : reading.count());
    }

    TreeDigest digest() {
        return digest;
    }

    /** The entry for each target (by its index), which differ in their chunk ids only. */
    private interface PerTarget {
        TreeEntry entry(int target) throws IOException;
    }

    private void add(PerTarget entries) throws IOException {
        for (int i = 0; i < targets.size(); i++) {
            TreeEntry entry = entries.entry(i);
            if (i == 0) {
                digest.add(entry);
            }
            targets.get(i).backup().add(entry);
        }
    }

    private static TreeEntry.Attributes attributes(SourceStat stat) {
        return new TreeEntry.Attributes(stat.mode() & SourceStat.PERMISSION_MASK, stat.modified().toInstant(), stat.uid(),
                stat.gid(), stat.owner(), stat.group(), stat.changed().toInstant(), stat.inode());
    }
}
