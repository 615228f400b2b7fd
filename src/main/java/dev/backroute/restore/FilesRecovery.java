package dev.backroute.restore;

import dev.backroute.Interruption;
import dev.backroute.archive.TarExtractor;
import dev.backroute.archive.TarSummary;
import dev.backroute.catalog.LocatedBackup;
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

/**
 * Restores a file-type backup into a directory. The archive is extracted into a hidden temporary folder
 * on the destination's file system while every checksum is verified; only when the whole backup has
 * proved good is it moved into place, so a corrupt, tampered or undecryptable backup writes nothing.
 * With {@code overwrite}, each top-level entry of the backup replaces the same-named entry in the
 * destination; other entries there are left alone.
 */
public final class FilesRecovery {
    private static final Logger LOG = LoggerFactory.getLogger(FilesRecovery.class);

    private final ArtifactDecoder decoder;

    public FilesRecovery(ArtifactDecoder decoder) {
        this.decoder = decoder;
    }

    public TarSummary recover(LocatedBackup backup, Path destination, boolean overwrite) throws IOException {
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
            TarSummary summary = decoder.decodeAnyCopy(backup, in -> ContentCheck.counted(backup.record(), TarExtractor.extract(in, work)),
                    () -> emptyFolder(work));
            // Whole, or not at all: an interrupt waits for the moves, or stops them from starting.
            pending.commit(() -> {
                if (existed) {
                    moveEntriesInto(work, dest);
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

    private static void moveEntriesInto(Path work, Path dest) throws IOException {
        Path replaced = dest.resolve(".backroute-replaced-" + UUID.randomUUID());
        List<Path> entries = new ArrayList<>();
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(work)) {
            ds.forEach(entries::add);
        }
        for (Path entry : entries) {
            Path target = dest.resolve(entry.getFileName().toString());
            if (Files.exists(target, LinkOption.NOFOLLOW_LINKS)) {
                Files.createDirectories(replaced);
                Files.move(target, replaced.resolve(entry.getFileName().toString()), StandardCopyOption.ATOMIC_MOVE);
                LOG.info("replacing {}", target);
            }
            Files.move(entry, target, StandardCopyOption.ATOMIC_MOVE);
        }
        if (Files.exists(replaced)) {
            PathUtils.deleteDirectory(replaced);
        }
    }

    private static boolean isEmpty(Path dir) throws IOException {
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir)) {
            return !ds.iterator().hasNext();
        }
    }
}
