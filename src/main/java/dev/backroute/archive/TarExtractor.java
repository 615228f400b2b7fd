package dev.backroute.archive;

import dev.backroute.Interruption;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.io.IOUtils;
import org.apache.commons.io.input.BoundedInputStream;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.Files;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.util.stream.Stream;

/**
 * Restores or validates a tar archive, refusing any entry that could reach outside the restore
 * directory (see {@link EntryGuard}): absolute names, '..', links pointing out, writes through
 * links, devices and FIFOs. The checks run before anything is created for an entry.
 *
 * <p>Both operations read the input to its very end, so a digest computed over the stream by the
 * caller covers all of it. A truncated archive always ends in an {@link IOException}.
 */
public final class TarExtractor {

    private TarExtractor() {
    }

    /**
     * Restores files, directories, symbolic and hard links with their modes and modification
     * times, and their owners when running as root. On an exception the directory holds a partial
     * restore and should be discarded.
     *
     * @param emptyDir an existing, empty directory
     */
    public static TarSummary extract(InputStream tar, Path emptyDir) throws IOException {
        return extract(tar, emptyDir, new EntrySelector(PathPatterns.ALL));
    }

    /**
     * As {@link #extract(InputStream, Path)}, creating only the entries {@code selector} selects and the directories
     * above them; every entry is still read and checked. The summary counts what was created.
     */
    public static TarSummary extract(InputStream tar, Path emptyDir, EntrySelector selector) throws IOException {
        DiskRestorer restorer = new DiskRestorer(requireEmptyDirectory(emptyDir));
        TarSummary summary = read(tar, restorer, selector);
        restorer.finish();
        return summary;
    }

    /** Applies the same checks as {@link #extract} and reads all content, writing nothing. */
    public static TarSummary scan(InputStream tar) throws IOException {
        return read(tar, EntrySink.NOWHERE, new EntrySelector(PathPatterns.ALL));
    }

    /** What {@link #list} hands over: an admitted entry's normalized path, its header, and its content. */
    @FunctionalInterface
    public interface Entries {
        /** @param content the entry's data; whatever is left unread is drained by the caller */
        void entry(String path, TarArchiveEntry header, InputStream content) throws IOException;
    }

    /** Applies the same checks as {@link #extract} and hands each entry to {@code entries}, writing nothing. */
    public static TarSummary list(InputStream tar, Entries entries) throws IOException {
        return read(tar, (entry, header, content) -> entries.entry(entry.path(), header, content), new EntrySelector(PathPatterns.ALL));
    }

    private static TarSummary read(InputStream input, EntrySink sink, EntrySelector selector) throws IOException {
        EndMarkerWatch watch = new EndMarkerWatch(input);
        // Deliberately not closed: the input stream belongs to the caller.
        TarArchiveInputStream tar = new TarArchiveInputStream(watch, StandardCharsets.UTF_8.name());
        EntryGuard guard = new EntryGuard();
        TarTally tally = new TarTally();
        long entriesEnd = 0;
        for (TarArchiveEntry next = tar.getNextEntry(); next != null; next = tar.getNextEntry()) {
            Interruption.check(); // the interrupt is removing what was extracted: add nothing more
            TarArchiveEntry header = next;
            AdmittedEntry entry = guard.admit(header);
            BoundedInputStream content = BoundedInputStream.builder().setInputStream(tar).setPropagateClose(false).get();
            boolean directory = entry.kind() == EntryKind.DIRECTORY;
            // A directory may be written later, as the parent of a selected entry, when the stream is elsewhere.
            InputStream data = directory ? InputStream.nullInputStream() : content;
            selector.offer(entry.path(), directory, () -> {
                sink.accept(entry, header, data);
                tally.count(entry.kind(), header.getRealSize()); // what requireComplete below checks was read
            });
            IOUtils.consume(content);
            requireComplete(header, content.getCount());
            entriesEnd = watch.position();
        }
        watch.requireEndMarkerAfter(entriesEnd);
        watch.drain();
        return tally.summary();
    }

    // commons-compress throws on a short entry today; this keeps a silent short read from ever
    // passing for a successful restore.
    private static void requireComplete(TarArchiveEntry header, long read) throws EOFException {
        if (read != header.getRealSize()) {
            throw new EOFException("archive is truncated inside entry '" + header.getName() + "'");
        }
    }

    private static Path requireEmptyDirectory(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            throw new NotDirectoryException(dir.toString());
        }
        try (Stream<Path> children = Files.list(dir)) {
            if (children.findAny().isPresent()) {
                throw new DirectoryNotEmptyException(dir.toString());
            }
        }
        return dir.toRealPath();
    }
}
