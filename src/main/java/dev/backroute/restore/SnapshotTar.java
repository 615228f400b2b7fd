package dev.backroute.restore;

import dev.backroute.Errors;
import dev.backroute.archive.EntrySelector;
import dev.backroute.archive.PathPatterns;
import dev.backroute.archive.TarHeaders;
import dev.backroute.pipeline.DigestingOutputStream;
import dev.backroute.repository.Repository;
import dev.backroute.repository.RepositoryCorruptException;
import dev.backroute.repository.Snapshot;
import dev.backroute.repository.TreeDigest;
import dev.backroute.repository.TreeEntry;
import dev.backroute.repository.TreeReader;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.archivers.tar.TarConstants;
import org.apache.commons.io.output.CloseShieldOutputStream;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;

/**
 * A files snapshot as the tar stream its backup would have written as an archive, so that extraction and the
 * structure check read both formats alike: the tree's entries in order, with the headers {@link TarHeaders}
 * builds, each file's content read chunk by chunk (every chunk authenticated before a byte of it is written; the
 * files of a window of entries as one stream) and its SHA-256 compared with the tree's before the next entry. The {@link TreeDigest} of the entries is left for the
 * caller to compare with the manifest once the stream has ended.
 *
 * <p>With {@link PathPatterns} that do not select everything, the stream holds only the selected entries and the
 * directories above them ({@link EntrySelector}); the other files' chunks are not read at all. Every entry of the
 * tree still goes into the digest and has its path checked, so the digest still proves the whole tree.
 */
final class SnapshotTar {
    /** Entries, and chunks, whose files are read as one stream: bounds what a window holds beyond the chunks in flight. */
    private static final int WINDOW_ENTRIES = 1024;
    private static final int WINDOW_CHUNKS = 4096;

    private final Repository repository;
    private final Snapshot snapshot;
    private final PathPatterns selection;
    private final EntrySelector selector;
    private final TreeDigest digest = new TreeDigest();
    private final byte[] buffer = new byte[1 << 16];
    private volatile long fileBytes;

    SnapshotTar(Repository repository, Snapshot snapshot) {
        this(repository, snapshot, PathPatterns.ALL);
    }

    SnapshotTar(Repository repository, Snapshot snapshot, PathPatterns selection) {
        this.repository = repository;
        this.snapshot = snapshot;
        this.selection = selection;
        this.selector = new EntrySelector(selection);
    }

    /** Writes the whole tar stream, end-of-archive included, to {@code out}, which it does not close. */
    void writeTo(OutputStream out) throws IOException {
        TarArchiveOutputStream tar = TarHeaders.open(CloseShieldOutputStream.wrap(out));
        try (TreeReader tree = repository.tree(snapshot); Repository.FileReader files = repository.files()) {
            List<TreeEntry> window = new ArrayList<>();
            int chunks = 0;
            for (TreeEntry entry = tree.next(); entry != null; entry = tree.next()) {
                window.add(entry);
                chunks += entry.chunks().size();
                if (window.size() == WINDOW_ENTRIES || chunks >= WINDOW_CHUNKS) {
                    write(tar, window, files);
                    window.clear();
                    chunks = 0;
                }
            }
            write(tar, window, files);
        }
        tar.finish();
    }

    /**
     * A run of entries in tree order, their files' contents read as one stream: chunks are fetched ahead across file
     * boundaries, and neighbouring chunks in a pack with one ranged read, so thousands of small files do not cost a
     * round trip each. Each file takes exactly its size from that stream; a file that is not selected has no place in it.
     */
    private void write(TarArchiveOutputStream tar, List<TreeEntry> window, Repository.FileReader files) throws IOException {
        List<TreeEntry> withContent = window.stream()
                .filter(e -> e.kind() == TreeEntry.Kind.FILE && selection.selects(e.path())).toList();
        try (InputStream contents = files.read(withContent)) {
            for (TreeEntry entry : window) {
                digest.add(entry);
                check(entry);
                selector.offer(entry.path(), entry.kind() == TreeEntry.Kind.DIRECTORY, () -> {
                    switch (entry.kind()) {
                        case DIRECTORY -> empty(tar, header(entry, entry.path() + "/", TarConstants.LF_DIR));
                        case SYMLINK -> {
                            TarArchiveEntry header = header(entry, entry.path(), TarConstants.LF_SYMLINK);
                            header.setLinkName(entry.linkTarget());
                            empty(tar, header);
                        }
                        case FILE -> file(tar, entry, contents);
                    }
                });
            }
            if (contents.read() >= 0) {
                throw corrupt("its files' chunks hold more bytes than their sizes");
            }
        }
    }

    /** The digest of the entries written so far; whole once {@link #writeTo} returned. */
    TreeDigest digest() {
        return digest;
    }

    /** File bytes written so far, for the progress display. */
    long fileBytes() {
        return fileBytes;
    }

    /**
     * What every entry must be, written or not. A tree that holds a path a backup never writes (empty, '.' or '..'
     * segments, NUL: a tar reader stops a name at a NUL, turning a path the extractor would refuse into another it
     * accepts) is refused, as is a file without the digest its content is checked against.
     */
    private void check(TreeEntry entry) throws RepositoryCorruptException {
        if (!isBackupPath(entry.path())) {
            throw corrupt("entry " + Errors.inert(entry.path()) + " has a path no archive may hold");
        }
        if (entry.kind() == TreeEntry.Kind.FILE && entry.sha256() == null) {
            throw corrupt("file " + Errors.inert(entry.path()) + " has no content digest");
        }
    }

    private void file(TarArchiveOutputStream tar, TreeEntry entry, InputStream contents) throws IOException {
        TarArchiveEntry header = header(entry, entry.path(), TarConstants.LF_NORMAL);
        header.setSize(entry.size());
        tar.putArchiveEntry(header);
        DigestingOutputStream content = new DigestingOutputStream(tar);
        for (long left = entry.size(); left > 0; ) {
            int n = contents.read(buffer, 0, (int) Math.min(buffer.length, left));
            if (n < 0) {
                throw corrupt("file " + Errors.inert(entry.path()) + " has fewer bytes in its chunks than its size");
            }
            content.write(buffer, 0, n);
            fileBytes += n;
            left -= n;
        }
        if (!content.sha256Hex().equals(entry.sha256())) {
            throw corrupt("file " + Errors.inert(entry.path()) + " does not match the SHA-256 its tree recorded");
        }
        tar.closeArchiveEntry();
    }

    /** A header for exactly this name: Commons Compress would quietly drop a leading '/' (and more). */
    private TarArchiveEntry header(TreeEntry entry, String name, byte flag) throws RepositoryCorruptException {
        TreeEntry.Attributes a = entry.attributes();
        TarArchiveEntry header = TarHeaders.header(name, flag, a.mode(), a.uid(), a.gid(), a.owner(), a.group(),
                FileTime.from(a.modified()));
        if (!header.getName().equals(name)) {
            throw corrupt("entry " + Errors.inert(entry.path()) + " has a path no archive may hold");
        }
        return header;
    }

    private static boolean isBackupPath(String path) {
        for (String segment : path.split("/", -1)) {
            if (segment.isEmpty() || segment.equals(".") || segment.equals("..") || segment.indexOf('\0') >= 0) {
                return false;
            }
        }
        return true;
    }

    private static void empty(TarArchiveOutputStream tar, TarArchiveEntry header) throws IOException {
        tar.putArchiveEntry(header);
        tar.closeArchiveEntry();
    }

    private RepositoryCorruptException corrupt(String what) {
        return new RepositoryCorruptException("snapshot " + snapshot.name() + ": " + what);
    }
}
