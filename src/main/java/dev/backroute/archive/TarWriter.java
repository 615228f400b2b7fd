package dev.backroute.archive;

import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Writes backup roots as one POSIX (pax) tar archive that GNU tar reads.
 *
 * <p>Stored: regular files, directories (also empty ones), symbolic links with their target text,
 * permissions including setuid/setgid/sticky, modification time (pax, sub-second), numeric and named
 * owner and group. Not stored: access and change times (they would make every backup differ), and
 * hard-link identity: each name of a hard-linked file is stored as a regular file with its own
 * copy of the content. FIFOs, sockets and devices are skipped and reported.
 *
 * <p>The order is deterministic (directory listings are sorted by name), so two backups of an
 * unchanged tree are the same bytes.
 */
public final class TarWriter {

    private final List<String> excludeGlobs;
    private final Set<Path> skipPaths;
    private final SourceOpener opener;

    /**
     * @param excludeGlobs globs matched against the entry name, the path relative to its root and,
     *                     for globs without '/', the file name; an excluded directory is not entered
     * @param skipPaths    directories never to enter, such as the backup directory when it lies under a root
     */
    public TarWriter(List<String> excludeGlobs, Set<Path> skipPaths) {
        this(excludeGlobs, skipPaths, SourceOpener.FILES);
    }

    TarWriter(List<String> excludeGlobs, Set<Path> skipPaths, SourceOpener opener) {
        this.excludeGlobs = List.copyOf(excludeGlobs);
        this.skipPaths = Set.copyOf(skipPaths);
        this.opener = opener;
    }

    /**
     * Writes a complete archive, end-of-archive marker included, to {@code out}, which is neither
     * flushed nor closed: it belongs to the caller's stream pipeline.
     *
     * @throws MissingSourceException if a root does not exist; nothing is written then
     * @throws IOException            if writing to {@code out} fails: the archive is incomplete
     */
    public TarSummary write(List<TarRoot> roots, OutputStream out) throws IOException {
        TarArchiveOutputStream tar = TarHeaders.open(out);
        TarSummary summary = visit(roots, new TarEntryVisitor(tar));
        tar.finish();
        return summary;
    }

    /**
     * Walks {@code roots} as {@link #write} does, with the same filters, order and problems, handing each entry
     * to {@code visitor} instead of a tar stream.
     *
     * @throws MissingSourceException if a root does not exist; nothing is visited then
     */
    public TarSummary visit(List<TarRoot> roots, SourceVisitor visitor) throws IOException {
        List<Path> realRoots = new ArrayList<>();
        for (TarRoot root : roots) {
            realRoots.add(realPath(root.path()));
        }
        // Skip paths are resolved now, not at construction: the backup directory may appear in between.
        SourceWalker walker = new SourceWalker(visitor, new SourceFilter(excludeGlobs, skipPaths), opener);
        for (int i = 0; i < roots.size(); i++) {
            walker.walkRoot(realRoots.get(i), roots.get(i).name());
        }
        return walker.summary();
    }

    /**
     * About how many bytes {@link #write} would produce for {@code roots} now, from their metadata alone:
     * for a progress display. A missing root counts for nothing (write reports it).
     */
    public long estimateSize(List<TarRoot> roots) throws IOException {
        return estimate(roots).bytes();
    }

    /** About how many bytes of file content {@link #visit} would hand over for {@code roots} now; as {@link #estimateSize}. */
    public long estimateFileBytes(List<TarRoot> roots) throws IOException {
        return estimate(roots).fileBytes();
    }

    private TarSizeEstimate estimate(List<TarRoot> roots) throws IOException {
        TarSizeEstimate estimate = new TarSizeEstimate(new SourceFilter(excludeGlobs, skipPaths));
        for (TarRoot root : roots) {
            try {
                estimate.add(root.path().toRealPath(), root.name());
            } catch (NoSuchFileException e) {
                // write() names it
            }
        }
        return estimate;
    }

    private static Path realPath(Path root) throws IOException {
        try {
            return root.toRealPath();
        } catch (NoSuchFileException e) {
            throw new MissingSourceException(root);
        }
    }
}
