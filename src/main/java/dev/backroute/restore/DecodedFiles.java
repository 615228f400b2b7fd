package dev.backroute.restore;

import dev.backroute.Interruption;
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

    /** A decoded file that is deleted when closed, and by an interrupt until then. */
    public record Temp(Path file, Interruption.Pending pending) implements AutoCloseable {
        @Override
        public void close() throws IOException {
            try {
                Files.deleteIfExists(file);
            } finally {
                pending.close();
            }
        }
    }

    /** A private (0600) temporary file in {@code dir}; the caller closes it. */
    public Temp decodeToTemp(LocatedBackup backup, Path dir) throws IOException {
        Path parent = OwnerOnly.createDirectories(dir);
        Temp temp = Interruption.unlessInterrupted(() -> {
            Path file = Files.createTempFile(parent, "." + backup.record().id() + ".", ".restore", OwnerOnly.fileAttribute());
            return new Temp(file, Interruption.pending(() -> Files.deleteIfExists(file)));
        });
        try {
            ArtifactDecoder.PlaintextReader<String> check = decoder.structureCheck(backup.record());
            // Each attempt reopens the file truncated, so a copy that failed half way leaves nothing behind.
            // The structure check reads what is written, as validate would: a restore loads nothing it would refuse.
            decoder.decodeAnyCopy(backup, in -> {
                try (OutputStream out = Files.newOutputStream(temp.file(), StandardOpenOption.TRUNCATE_EXISTING)) {
                    // Not closed here: the decoder drains the plaintext after this reader for its digest.
                    TeeInputStream copied = new TeeInputStream(in, out, false);
                    String verdict = check.read(copied);
                    copied.transferTo(OutputStream.nullOutputStream());
                    return verdict;
                }
            }, () -> { });
            return temp;
        } catch (IOException | RuntimeException e) {
            temp.close();
            throw e;
        }
    }

    /** Decodes into {@code dir/fileName}, refusing to replace an existing file unless {@code overwrite}. */
    public Path decodeInto(LocatedBackup backup, Path dir, String fileName, boolean overwrite) throws IOException {
        Path target = OwnerOnly.createDirectories(dir).resolve(fileName);
        if (Files.exists(target) && !overwrite) {
            throw new DestinationNotEmptyException(target + " already exists: choose another directory or pass --overwrite");
        }
        try (Temp temp = decodeToTemp(backup, target.getParent())) {
            temp.pending().commit(() -> Files.move(temp.file(), target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE));
        }
        return target;
    }
}
