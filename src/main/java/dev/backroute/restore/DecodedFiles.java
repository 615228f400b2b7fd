package dev.backroute.restore;

import dev.backroute.catalog.LocatedBackup;
import dev.backroute.storage.OwnerOnly;

import org.apache.commons.io.input.TeeInputStream;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/**
 * A backup's plaintext decoded to a file, every checksum and its structure verified on the way. Database restores load
 * from such a file so that nothing reaches the target unless the whole backup proved good; a directory
 * destination simply keeps the file.
 */
public final class DecodedFiles {
    private final ArtifactDecoder decoder;

    public DecodedFiles(ArtifactDecoder decoder) {
        this.decoder = decoder;
    }

    /** A private (0600) temporary file in {@code dir}; the caller deletes it. */
    public Path decodeToTemp(LocatedBackup backup, Path dir) throws IOException {
        Path temp = Files.createTempFile(OwnerOnly.createDirectories(dir), "." + backup.record().id() + ".", ".restore",
                OwnerOnly.fileAttribute());
        try {
            ArtifactDecoder.PlaintextReader<String> check = decoder.structureCheck(backup.record());
            // Each attempt reopens the file truncated, so a copy that failed half way leaves nothing behind.
            // The structure check reads what is written, as validate would: a restore loads nothing it would refuse.
            decoder.decodeAnyCopy(backup, in -> {
                try (OutputStream out = Files.newOutputStream(temp, StandardOpenOption.TRUNCATE_EXISTING)) {
                    // Not closed here: the decoder drains the plaintext after this reader for its digest.
                    TeeInputStream copied = new TeeInputStream(in, out, false);
                    String verdict = check.read(copied);
                    copied.transferTo(OutputStream.nullOutputStream());
                    return verdict;
                }
            }, () -> { });
            return temp;
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(temp);
            throw e;
        }
    }

    /** Decodes into {@code dir/fileName}, refusing to replace an existing file unless {@code overwrite}. */
    public Path decodeInto(LocatedBackup backup, Path dir, String fileName, boolean overwrite) throws IOException {
        Path target = OwnerOnly.createDirectories(dir).resolve(fileName);
        if (Files.exists(target) && !overwrite) {
            throw new DestinationNotEmptyException(target + " already exists: choose another directory or pass --overwrite");
        }
        Path temp = decodeToTemp(backup, target.getParent());
        Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        return target;
    }
}
