package dev.backroute.archive;

import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.io.IOUtils;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Comparator;
import java.util.Map;
import java.util.TreeMap;

/**
 * Creates admitted entries below a restore directory. {@link EntryGuard} already vetted them
 * against the archive; this class re-checks against the disk before each creation, and never
 * opens or creates anything by following a link.
 */
final class DiskRestorer implements EntrySink {

    private static final int BUFFER_SIZE = 64 * 1024;

    private final Path root;
    private final byte[] buffer = new byte[BUFFER_SIZE];
    // Reverse order puts every directory before its ancestors: a parent's time and mode are set
    // after its children's, so neither a child's creation nor a read-only parent gets in the way.
    private final Map<Path, EntryAttributes> directories = new TreeMap<>(Comparator.reverseOrder());

    /** @param root the real path of an empty directory */
    DiskRestorer(Path root) {
        this.root = root;
    }

    @Override
    public void accept(AdmittedEntry entry, TarArchiveEntry header, InputStream content) throws IOException {
        Path target = root.resolve(entry.path());
        switch (entry.kind()) {
            case DIRECTORY -> directory(entry, target, header);
            case FILE -> file(entry, target, header, content);
            case SYMLINK -> symlink(entry, target, header);
            case HARDLINK -> hardLink(entry, target);
        }
    }

    /** Applies the directory times and modes, held back until every entry was written. */
    void finish() throws IOException {
        for (Map.Entry<Path, EntryAttributes> dir : directories.entrySet()) {
            dir.getValue().applyTo(dir.getKey(), EntryKind.DIRECTORY);
        }
    }

    private void directory(AdmittedEntry entry, Path target, TarArchiveEntry header) throws IOException {
        if (!Files.isDirectory(target, LinkOption.NOFOLLOW_LINKS)) {
            replaceable(entry, target);
            Files.createDirectory(target);
        }
        directories.put(target, EntryAttributes.of(header));
    }

    private void file(AdmittedEntry entry, Path target, TarArchiveEntry header, InputStream content) throws IOException {
        replaceable(entry, target);
        try (OutputStream out = Files.newOutputStream(target, StandardOpenOption.CREATE_NEW,
                StandardOpenOption.WRITE, LinkOption.NOFOLLOW_LINKS)) {
            IOUtils.copyLarge(content, out, buffer);
        }
        EntryAttributes.of(header).applyTo(target, EntryKind.FILE);
    }

    private void symlink(AdmittedEntry entry, Path target, TarArchiveEntry header) throws IOException {
        replaceable(entry, target);
        Files.createSymbolicLink(target, Path.of(entry.linkTarget()));
        EntryAttributes.of(header).applyTo(target, EntryKind.SYMLINK);
    }

    /** The link shares the inode, and so the metadata, of its target: nothing more to apply. */
    private void hardLink(AdmittedEntry entry, Path target) throws IOException {
        Path existing = root.resolve(entry.linkTarget());
        requireRealParent(entry, existing);
        if (!Files.isRegularFile(existing, LinkOption.NOFOLLOW_LINKS)) {
            throw new IOException("archive entry '" + entry.name() + "' is a hard link to '"
                    + entry.linkTarget() + "', which the archive did not restore before it");
        }
        replaceable(entry, target);
        Files.createLink(target, existing);
    }

    /**
     * Makes room for a new non-directory entry: its parent exists as a real directory and an earlier
     * file or link of the same name is gone (the later entry wins, as with tar). Deleting instead of
     * overwriting means a hard link restored earlier never receives another file's content.
     */
    private void replaceable(AdmittedEntry entry, Path target) throws IOException {
        Files.createDirectories(target.getParent());
        requireRealParent(entry, target);
        Files.deleteIfExists(target);
    }

    private void requireRealParent(AdmittedEntry entry, Path target) throws IOException {
        Path parent = target.getParent();
        if (!parent.toRealPath().equals(parent)) {
            throw new UnsafeEntryException(entry.name(), "would be written through a symbolic link");
        }
    }
}
