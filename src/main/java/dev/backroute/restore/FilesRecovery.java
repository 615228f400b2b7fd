package dev.backroute.restore;

import dev.backroute.Interruption;
import dev.backroute.archive.EntrySelector;
import dev.backroute.archive.PathGlob;
import dev.backroute.archive.PathPatterns;
import dev.backroute.archive.TarExtractor;
import dev.backroute.archive.TarSummary;
import dev.backroute.catalog.LocatedBackup;
import dev.backroute.config.ConfigException;
import dev.backroute.storage.OwnerOnly;
import org.apache.commons.io.file.PathUtils;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * Restores a file-type backup into a directory. The archive is extracted into a hidden temporary folder
 * on the destination's file system while every checksum is verified; only when the whole backup has
 * proved good is it moved into place, so a corrupt, tampered or undecryptable backup writes nothing.
 * With {@code overwrite}, each top-level entry of the backup replaces the same-named entry in the
 * destination; other entries there are left alone. A selective restore ({@link PathPatterns}) writes only the
 * selected entries and the directories above them, after the same verification; with {@code overwrite}, each
 * selected entry replaces its namesake and the directories above it merge into the destination's. When an include
 * selected nothing, or nothing at all was selected, it writes nothing and says so.
 */
public final class FilesRecovery {
    private static final Logger LOG = LoggerFactory.getLogger(FilesRecovery.class);

    private final ArtifactDecoder decoder;

    public FilesRecovery(ArtifactDecoder decoder) {
        this.decoder = decoder;
    }

    public TarSummary recover(LocatedBackup backup, Path destination, boolean overwrite) throws IOException {
        return recover(backup, destination, overwrite, PathPatterns.ALL);
    }

    /** What one attempt extracted, and what its selection selected. */
    private record Extracted(TarSummary summary, EntrySelector selector) {}

    /** @return the counts of what was restored */
    public TarSummary recover(LocatedBackup backup, Path destination, boolean overwrite, PathPatterns selection) throws IOException {
        Path dest = destination.toAbsolutePath().normalize();
        boolean existed = Files.exists(dest, LinkOption.NOFOLLOW_LINKS);
        if (existed && !Files.isDirectory(dest)) {
            throw new DestinationNotEmptyException("destination " + dest + " exists and is not a directory: choose a directory");
        }
        if (existed && !overwrite && !isEmpty(dest)) {
            throw new DestinationNotEmptyException("destination " + dest + " is not empty: choose an empty or new directory, "
                    + "or pass --overwrite to replace what the backup contains");
        }
        // Beside the destination when it is new; inside it when it exists, as it may be a mount point.
        Path work = existed ? dest.resolve(".backroute-restore-" + UUID.randomUUID())
                : OwnerOnly.createDirectories(dest.getParent()).resolve("." + dest.getFileName() + ".backroute-restore-" + UUID.randomUUID());
        Interruption.Pending pending = Interruption.unlessInterrupted(() -> {
            Files.createDirectory(work, OwnerOnly.dirAttribute());
            return Interruption.pending(() -> removeWork(work));
        });
        try {
            Extracted extracted = decoder.selecting(selection).decodeAnyCopy(backup, in -> {
                EntrySelector selector = new EntrySelector(selection);
                TarSummary restored = TarExtractor.extract(in, work, selector);
                // A selective restore counts what it wrote, not the backup; the backup's checksum or tree digest covered that.
                return new Extracted(selection.selectsAll() ? ContentCheck.counted(backup.record(), restored) : restored, selector);
            }, () -> emptyFolder(work));
            requireSelected(backup, selection, extracted.selector());
            TarSummary summary = extracted.summary();
            // Whole, or not at all: an interrupt waits for the moves, or stops them from starting.
            pending.commit(() -> {
                if (existed) {
                    moveEntriesInto(work, dest, selection);
                } else {
                    Files.move(work, dest, StandardCopyOption.ATOMIC_MOVE);
                }
                return null;
            });
            return summary;
        } finally {
            try {
                removeWork(work);
            } finally {
                pending.close();
            }
        }
    }

    private static void requireSelected(LocatedBackup backup, PathPatterns selection, EntrySelector selector) {
        String id = backup.record().id();
        List<PathGlob> unused = selector.unusedIncludes();
        if (!unused.isEmpty()) {
            throw new ConfigException("--include", "--include " + quoted(unused) + " matched no path"
                    + (selection.excludes().isEmpty() ? "" : " that --exclude keeps") + " in backup " + id
                    + ": nothing was restored; list its paths with backroute ls");
        }
        if (!selection.excludes().isEmpty() && !selector.selectedAny()) {
            throw new ConfigException("--exclude", "--exclude " + quoted(selection.excludes()) + " leaves no path of backup " + id
                    + ": nothing was restored");
        }
    }

    private static String quoted(List<PathGlob> globs) {
        return globs.stream().map(g -> "'" + g + "'").collect(Collectors.joining(", "));
    }

    private static void removeWork(Path work) throws IOException {
        // An interrupt runs this while the extraction may still be creating the entry it was at: try again.
        for (int attempt = 1; Files.exists(work, LinkOption.NOFOLLOW_LINKS); attempt++) {
            try {
                PathUtils.deleteDirectory(work);
            } catch (DirectoryNotEmptyException e) {
                if (attempt == 3) {
                    throw e;
                }
            }
        }
    }

    /**
     * The next copy extracts into an empty folder: what a failed attempt extracted goes, folders and links
     * included (PathUtils.cleanDirectory keeps subfolders, and the extractor refuses a non-empty folder).
     */
    private static void emptyFolder(Path work) throws IOException {
        PathUtils.deleteDirectory(work);
        Files.createDirectory(work, OwnerOnly.dirAttribute());
    }

    private static void moveEntriesInto(Path work, Path dest, PathPatterns selection) throws IOException {
        Path replaced = dest.resolve(".backroute-replaced-" + UUID.randomUUID());
        moveEntriesInto(work, dest, "", selection, replaced);
        if (Files.exists(replaced)) {
            PathUtils.deleteDirectory(replaced);
        }
    }

    /**
     * Each entry of {@code from} replaces the same-named one in {@code into}, except a directory that is there only as
     * the parent of selected entries: that one is merged into the destination's directory of the same name, so that a
     * selective restore replaces what it selected and nothing beside it.
     */
    private static void moveEntriesInto(Path from, Path into, String prefix, PathPatterns selection, Path replaced)
            throws IOException {
        List<Path> entries = new ArrayList<>();
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(from)) {
            ds.forEach(entries::add);
        }
        for (Path entry : entries) {
            String name = entry.getFileName().toString();
            Path target = into.resolve(name);
            if (!selection.selects(prefix + name) && Files.isDirectory(target, LinkOption.NOFOLLOW_LINKS)) {
                moveEntriesInto(entry, target, prefix + name + "/", selection, replaced);
                continue;
            }
            if (Files.exists(target, LinkOption.NOFOLLOW_LINKS)) {
                Path aside = replaced.resolve(prefix + name);
                Files.createDirectories(aside.getParent());
                Files.move(target, aside, StandardCopyOption.ATOMIC_MOVE);
                LOG.info("replacing {}", target);
            }
            Files.move(entry, target, StandardCopyOption.ATOMIC_MOVE);
        }
    }

    private static boolean isEmpty(Path dir) throws IOException {
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir)) {
            return !ds.iterator().hasNext();
        }
    }
}
