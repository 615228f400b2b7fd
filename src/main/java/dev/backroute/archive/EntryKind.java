package dev.backroute.archive;

import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarConstants;

import java.util.Optional;

/** The entry types Backroute writes and restores; anything else (devices, FIFOs) is refused. */
enum EntryKind {
    FILE, DIRECTORY, SYMLINK, HARDLINK;

    /**
     * Classifies by type flag. {@link TarArchiveEntry#isFile()} cannot be used: it answers true
     * for devices and FIFOs too.
     */
    static Optional<EntryKind> of(TarArchiveEntry header) {
        if (header.isDirectory()) {
            return Optional.of(DIRECTORY);
        }
        return switch (header.getLinkFlag()) {
            case TarConstants.LF_NORMAL, TarConstants.LF_OLDNORM, TarConstants.LF_CONTIG -> Optional.of(FILE);
            case TarConstants.LF_SYMLINK -> Optional.of(SYMLINK);
            case TarConstants.LF_LINK -> Optional.of(HARDLINK);
            default -> Optional.empty();
        };
    }
}
