package dev.backroute.storage.local;

import dev.backroute.pipeline.Throttle;
import dev.backroute.repository.BlobStore;
import dev.backroute.repository.LocalBlobStore;
import dev.backroute.storage.OwnerOnly;
import dev.backroute.storage.PlainNames;
import dev.backroute.storage.StorageTarget;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Backups on a local (or mounted) file system. Writes go to a hidden temporary name in the same folder,
 * are fsynced, then renamed into place and the folder fsynced, so a crash leaves either nothing or the
 * whole file under its final name. A type's repository is the folder {@code <type>/repository}, a
 * {@link LocalBlobStore}: {@link #list} returns files only, so the archive code never sees it. With an upload
 * limit, every byte stored is copied through it: no hard link or rename stores a file without its bytes passing.
 */
final class LocalTarget implements StorageTarget {
    private static final String PARTIAL_MARK = ".partial-";

    private final String name;
    private final Path root;
    private final Throttle uploads;

    LocalTarget(String name, Path root, Throttle uploads) {
        this.name = name;
        this.root = root.toAbsolutePath().normalize();
        this.uploads = uploads;
    }

    @Override
    public String name() { return name; }

    @Override
    public String uri(String type, String fileName) {
        return file(type, fileName).toUri().toString();
    }

    private Path file(String type, String fileName) {
        PlainNames.check(type, fileName);
        return root.resolve(type).resolve(fileName);
    }

    @Override
    public void putArtifact(String type, String fileName, Path staged) throws IOException {
        Path dir = typeDir(type);
        Path temp = dir.resolve(tempName(fileName));
        try {
            if (uploads.isLimited() || !linkedOnlyFromStaging(staged) || !tryLink(staged, temp)) {
                copy(staged, temp);
            }
            sync(temp);
            commit(temp, dir.resolve(fileName));
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    @Override
    public void putManifest(String type, String fileName, byte[] json) throws IOException {
        Path dir = typeDir(type);
        Path temp = dir.resolve(tempName(fileName));
        try {
            try (FileChannel ch = FileChannel.open(temp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
                OwnerOnly.restrict(temp);
                uploads.limit(new ByteArrayInputStream(json)).transferTo(Channels.newOutputStream(ch));
                ch.force(true);
            }
            commit(temp, dir.resolve(fileName));
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    @Override
    public InputStream open(String type, String fileName) throws IOException {
        Path file = file(type, fileName);
        try {
            return Files.newInputStream(file);
        } catch (NoSuchFileException e) {
            throw new NoSuchFileException(file.toString(), null, "not found in storage target '" + name + "'");
        }
    }

    @Override
    public List<String> list(String type) throws IOException {
        Path dir = root.resolve(type);
        List<String> names = new ArrayList<>();
        if (!Files.isDirectory(dir)) {
            return names;
        }
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir)) {
            for (Path p : entries) {
                String n = p.getFileName().toString();
                if (!n.startsWith(".") && !Files.isDirectory(p)) {
                    names.add(n);
                }
            }
        }
        return names;
    }

    @Override
    public long size(String type, String fileName) throws IOException {
        Path file = file(type, fileName);
        return Files.isRegularFile(file) ? Files.size(file) : -1;
    }

    @Override
    public void delete(String type, String fileName) throws IOException {
        Files.deleteIfExists(file(type, fileName));
    }

    @Override
    public BlobStore repository(String type) {
        return new LocalBlobStore(file(type, REPOSITORY_FOLDER), uploads);
    }

    @Override
    public List<String> removeLeftovers(String type) throws IOException {
        Path dir = root.resolve(type);
        List<String> removed = new ArrayList<>();
        if (!Files.isDirectory(dir)) {
            return removed;
        }
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir, p -> p.getFileName().toString().contains(PARTIAL_MARK))) {
            for (Path p : entries) {
                Files.deleteIfExists(p);
                removed.add(p.getFileName().toString());
            }
        }
        // The repository's objects half-written by a killed run: .tmp-* files beside where they would have been, and
        // idle for an hour (a prune, or another host's backup, may be writing others now).
        new LocalBlobStore(file(type, REPOSITORY_FOLDER)).removeTemporaries(Duration.ofHours(1))
                .forEach(t -> removed.add(REPOSITORY_FOLDER + "/" + t));
        return removed;
    }

    private Path typeDir(String type) throws IOException {
        Path dir = root.resolve(type);
        OwnerOnly.createDirectories(dir);
        return dir;
    }

    private static String tempName(String fileName) {
        return "." + fileName + PARTIAL_MARK + UUID.randomUUID();
    }

    /**
     * A hard link stores the staged bytes without copying them, but only into one target: two targets
     * sharing an inode are one copy, and damage to it would lose both. A staged file with a second link
     * is already in another target, so later targets copy.
     */
    private static boolean linkedOnlyFromStaging(Path staged) throws IOException {
        try {
            return ((Number) Files.getAttribute(staged, "unix:nlink")).intValue() == 1;
        } catch (UnsupportedOperationException | IllegalArgumentException e) {
            return false; // no link count to go by: copying is always safe
        }
    }

    /** False when staging is on another file system (or links are not supported there). */
    private static boolean tryLink(Path staged, Path temp) {
        try {
            Files.createLink(temp, staged);
            return true;
        } catch (IOException | UnsupportedOperationException e) {
            return false;
        }
    }

    private void copy(Path from, Path to) throws IOException {
        try (FileChannel in = FileChannel.open(from, StandardOpenOption.READ);
             FileChannel out = FileChannel.open(to, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            OwnerOnly.restrict(to);
            if (uploads.isLimited()) {
                // Streamed, since the kernel's copy below would pass the whole file at once.
                uploads.limit(Channels.newInputStream(in)).transferTo(Channels.newOutputStream(out));
                return;
            }
            long size = in.size();
            long done = 0;
            while (done < size) {
                done += in.transferTo(done, size - done, out);
            }
        }
    }

    private static void sync(Path file) throws IOException {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.WRITE)) {
            ch.force(true);
        }
    }

    private static void commit(Path temp, Path target) throws IOException {
        Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        syncDirectory(target.getParent());
    }

    /** Makes the rename itself durable; without it a power cut can forget a committed file. */
    private static void syncDirectory(Path dir) throws IOException {
        try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
            ch.force(true);
        }
    }
}
