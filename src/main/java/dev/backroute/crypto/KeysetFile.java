package dev.backroute.crypto;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/** Reads and writes the cleartext keyset file, which must never be readable by anyone but its owner. */
final class KeysetFile {
    private static final FileAttribute<Set<PosixFilePermission>> OWNER_ONLY =
            PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------"));
    /** A keyset is a few hundred bytes per key; a bigger file is a wrong path (perhaps a backup), not worth loading. */
    private static final long MAX_SIZE = 1 << 20;

    private KeysetFile() {}

    static String read(Path file) {
        try {
            if (Files.size(file) > MAX_SIZE) {
                throw new KeysetException("encryption keyset file " + file + " is too large to be a keyset: check encryption.keyset_file");
            }
            return new String(Files.readAllBytes(file), StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new KeysetException("encryption keyset file " + file + " not found: create one with ./backroute keygen --out " + file);
        } catch (AccessDeniedException e) {
            throw new KeysetException("encryption keyset file " + file + " is not readable: it must belong to the user running backroute (mode 0600)");
        } catch (IOException e) {
            throw new KeysetException("cannot read encryption keyset file " + file + ": " + dev.backroute.Errors.describe(e));
        }
    }

    static void create(Path file, String content) {
        if (Files.exists(file, LinkOption.NOFOLLOW_LINKS)) {
            throw new KeysetException("encryption keyset file " + file + " already exists: refusing to overwrite it (use keygen --rotate to add a key)");
        }
        replace(file, content);
    }

    /**
     * Writes a temporary file created 0600 (so the key is never readable by others, even briefly),
     * syncs it and renames it over {@code file}: readers see the old keyset or the new one, never a
     * partial file, and a crash cannot lose the only copy of a key.
     */
    static void replace(Path file, String content) {
        Path dir = file.toAbsolutePath().getParent();
        if (!Files.isDirectory(dir)) {
            throw new KeysetException("cannot write encryption keyset file " + file + ": directory " + dir + " does not exist");
        }
        Path temp = null;
        try {
            temp = Files.createTempFile(dir, "." + file.getFileName() + ".", ".tmp", OWNER_ONLY);
            try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE)) {
                ByteBuffer bytes = ByteBuffer.wrap(content.getBytes(StandardCharsets.UTF_8));
                while (bytes.hasRemaining()) {
                    channel.write(bytes);
                }
                channel.force(true);
            }
            Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE);
            temp = null;
            syncDirectory(dir);
        } catch (IOException e) {
            throw new KeysetException("cannot write encryption keyset file " + file + ": " + dev.backroute.Errors.describe(e));
        } finally {
            deleteQuietly(temp);
        }
    }

    /** Makes the rename itself durable; without it a power loss can bring back the old directory entry. */
    private static void syncDirectory(Path dir) throws IOException {
        try (FileChannel channel = FileChannel.open(dir, StandardOpenOption.READ)) {
            channel.force(true);
        }
    }

    private static void deleteQuietly(Path temp) {
        if (temp == null) {
            return;
        }
        try {
            Files.deleteIfExists(temp);
        } catch (IOException ignored) {
            // The write already failed and that error is the one to report; a stray 0600 temp file leaks nothing.
        }
    }
}
