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
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/** Reads and writes the cleartext keyset file, which must never be readable by anyone but its owner. */
final class KeysetFile {
    private static final FileAttribute<Set<PosixFilePermission>> OWNER_ONLY =
            PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------"));
    /** Group and others bits that make a keyset unsafe, worded for the refusal, in the order they are reported. */
    private static final Map<PosixFilePermission, String> SHARED = new LinkedHashMap<>();
    static {
        SHARED.put(PosixFilePermission.OTHERS_READ, "readable by others");
        SHARED.put(PosixFilePermission.OTHERS_WRITE, "writable by others");
        SHARED.put(PosixFilePermission.GROUP_READ, "readable by its group");
        SHARED.put(PosixFilePermission.GROUP_WRITE, "writable by its group");
    }
    /** A keyset is a few hundred bytes per key; a bigger file is a wrong path (perhaps a backup), not worth loading. */
    private static final long MAX_SIZE = 1 << 20;

    private KeysetFile() {}

    static String read(Path file) {
        try {
            if (Files.size(file) > MAX_SIZE) {
                throw new KeysetException("encryption keyset file " + file + " is too large to be a keyset: check encryption.keyset_file");
            }
            refuseShared(file);
            return new String(Files.readAllBytes(file), StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new KeysetException("encryption keyset file " + file + " not found: create one with ./backroute keygen --out " + file);
        } catch (AccessDeniedException e) {
            throw new KeysetException("encryption keyset file " + file + " is not readable: it must belong to the user running backroute (mode 0600)");
        } catch (IOException e) {
            throw new KeysetException("cannot read encryption keyset file " + file + ": " + dev.backroute.Errors.describe(e));
        }
    }

    /**
     * As ssh does with private keys: a key others could read may already be copied, and one others could
     * write may be swapped for theirs. Checks the file a link points to, as that is what gets read.
     */
    private static void refuseShared(Path file) throws IOException {
        Set<PosixFilePermission> mode = Files.getPosixFilePermissions(file);
        for (Map.Entry<PosixFilePermission, String> bit : SHARED.entrySet()) {
            if (mode.contains(bit.getKey())) {
                throw new KeysetException("encryption keyset file " + file + " is " + bit.getValue() + " (mode "
                        + octal(mode) + "): run chmod 600 " + file);
            }
        }
    }

    private static String octal(Set<PosixFilePermission> mode) {
        int bits = 0;
        for (PosixFilePermission p : mode) {
            bits |= 0400 >> p.ordinal(); // the enum lists OWNER_READ … OTHERS_EXECUTE, highest bit first
        }
        return String.format("%04o", bits);
    }

    static void create(Path file, String content) {
        if (Files.exists(file, LinkOption.NOFOLLOW_LINKS)) {
            throw new KeysetException("encryption keyset file " + file + " already exists: refusing to overwrite it (use keygen --rotate to add a key)");
        }
        replace(file, content);
    }

    /**
     * Replaces the keyset {@code file} names. When it is a symbolic link, the file it points to is
     * replaced and the link kept: renaming over the link would leave the real keyset without the new key.
     */
    static void update(Path file, String content) {
        Path real;
        try {
            real = file.toRealPath();
        } catch (IOException e) {
            throw new KeysetException("cannot resolve encryption keyset file " + file + ": " + dev.backroute.Errors.describe(e));
        }
        replace(real, content);
    }

    /**
     * Writes a temporary file created 0600 (so the key is never readable by others, even briefly),
     * syncs it and renames it over {@code file}: readers see the old keyset or the new one, never a
     * partial file, and a crash cannot lose the only copy of a key.
     */
    private static void replace(Path file, String content) {
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
