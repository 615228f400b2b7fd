package dev.backroute.repository;

import dev.backroute.pipeline.Throttle;
import org.apache.commons.io.input.BoundedInputStream;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * A {@link BlobStore} in a local folder, one file per object. An object appears whole or not at all: it is
 * written to a hidden temporary file in its final folder, fsynced, renamed into place and the folder fsynced,
 * so a crash leaves at worst a {@code .tmp-*} file that no listing returns. Files are 0600 and folders 0700,
 * as for the archive format.
 */
public final class LocalBlobStore implements BlobStore {
    private static final Set<PosixFilePermission> FILE_MODE = PosixFilePermissions.fromString("rw-------");
    private static final Set<PosixFilePermission> DIR_MODE = PosixFilePermissions.fromString("rwx------");

    private static final String TEMP_PREFIX = ".tmp-";

    private final Path root;
    private final Throttle uploads;

    public LocalBlobStore(Path root) {
        this(root, Throttle.NONE);
    }

    /** @param uploads every byte stored is written through it (a bandwidth limit) */
    public LocalBlobStore(Path root, Throttle uploads) {
        this.root = root.toAbsolutePath().normalize();
        this.uploads = uploads;
    }

    @Override
    public void put(String name, Path file) throws IOException {
        write(name, out -> {
            try (InputStream in = uploads.limit(Files.newInputStream(file))) {
                in.transferTo(out);
            }
        });
    }

    /**
     * Renames the file into place when it is on the same file system (halving a backup's disk writes), else copies
     * it; always copies under an upload limit, which a rename would pass by.
     */
    @Override
    public void putAndDelete(String name, Path file) throws IOException {
        Path target = path(name);
        createFolders(target.getParent());
        if (uploads.isLimited() || !Files.getFileStore(file).equals(Files.getFileStore(target.getParent()))) {
            BlobStore.super.putAndDelete(name, file);
            return;
        }
        try {
            try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
                channel.force(true);
            }
            if (posix()) {
                Files.setPosixFilePermissions(file, FILE_MODE);
            }
            Files.move(file, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            syncFolder(target.getParent());
        } finally {
            Files.deleteIfExists(file);
        }
    }

    @Override
    public void put(String name, byte[] bytes) throws IOException {
        write(name, out -> uploads.limit(new ByteArrayInputStream(bytes)).transferTo(out));
    }

    private interface Body {
        void writeTo(OutputStream out) throws IOException;
    }

    private void write(String name, Body body) throws IOException {
        Path target = path(name);
        Path folder = target.getParent();
        createFolders(folder);
        Path temp = folder.resolve(TEMP_PREFIX + UUID.randomUUID());
        try {
            try (FileChannel channel = FileChannel.open(temp, Set.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE),
                    attribute(FILE_MODE))) {
                OutputStream out = Channels.newOutputStream(channel);
                body.writeTo(out);
                out.flush();
                channel.force(true);
            }
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            syncFolder(folder);
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    @Override
    public InputStream get(String name) throws IOException {
        return Files.newInputStream(readable(name), LinkOption.NOFOLLOW_LINKS);
    }

    @Override
    public InputStream get(String name, long offset, long length) throws IOException {
        FileChannel channel = FileChannel.open(readable(name), StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS);
        try {
            channel.position(offset);
            return BoundedInputStream.builder().setInputStream(Channels.newInputStream(channel))
                    .setMaxCount(length).setPropagateClose(true).get();
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
    }

    @Override
    public long size(String name) throws IOException {
        return Files.size(path(name));
    }

    @Override
    public List<Blob> list(String prefix) throws IOException {
        Path folder = root.resolve(prefix);
        List<Blob> out = new ArrayList<>();
        if (!Files.isDirectory(folder) || !folder.normalize().startsWith(root)) {
            return out;
        }
        try (Stream<Path> files = Files.walk(folder, 3)) {
            for (Path file : (Iterable<Path>) files::iterator) {
                String name = root.relativize(file).toString().replace(file.getFileSystem().getSeparator(), "/");
                // A planted link is not an object: it would be read (and hashed whole) from wherever it points.
                if (name.startsWith(prefix) && BlobName.isValid(name) && Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
                    out.add(new Blob(name, Files.size(file)));
                }
            }
        }
        return out;
    }

    @Override
    public boolean exists(String name) {
        return Files.isRegularFile(path(name));
    }

    @Override
    public void delete(String name) throws IOException {
        Files.deleteIfExists(path(name));
    }

    private Path path(String name) {
        return root.resolve(BlobName.require(name));
    }

    /**
     * The object's file, which must be a regular file reached without links below the root: a FIFO planted in its
     * place would block the open forever, and a link would lead a read out of the repository.
     */
    private Path readable(String name) throws IOException {
        Path file = path(name);
        for (Path p = file; p != null && p.startsWith(root) && !p.equals(root); p = p.getParent()) {
            BasicFileAttributes a = Files.readAttributes(p, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
            if (p.equals(file) ? !a.isRegularFile() : !a.isDirectory()) {
                throw new RepositoryCorruptException(p + " is not a " + (p.equals(file) ? "regular file" : "folder")
                        + " of the repository (a link, a pipe or a device was put there): remove it");
            }
        }
        return file;
    }

    /**
     * Below the repository's root, a folder must be a real one: a link planted there (data/ab pointing at
     * /etc, say) would have objects written wherever it points. The root itself may be reached through links.
     */
    private void createFolders(Path folder) throws IOException {
        boolean below = folder.startsWith(root) && !folder.equals(root);
        if (below && Files.isSymbolicLink(folder)) {
            throw new IOException(folder + " is a symbolic link, not a folder of the repository: remove it (it was not made by"
                    + " Backroute)");
        }
        if (Files.isDirectory(folder, LinkOption.NOFOLLOW_LINKS) || (!below && Files.isDirectory(folder))) {
            return;
        }
        createFolders(folder.getParent());
        try {
            Files.createDirectory(folder, attribute(DIR_MODE));
        } catch (FileAlreadyExistsException e) {
            // Another writer made it first: fine.
        }
    }

    /**
     * Removes the {@code .tmp-*} files a killed writer left in the repository's folders (the object they were
     * becoming was never renamed into place) once untouched for {@code idle}; returns their paths relative to the
     * root. A file being written is touched with every write, and other writers may be at work meanwhile: another
     * host's backup, or a prune of this host, which does not hold the type's lock.
     */
    public List<String> removeTemporaries(Duration idle) throws IOException {
        java.nio.file.attribute.FileTime before = java.nio.file.attribute.FileTime.from(Instant.now().minus(idle));
        List<String> removed = new ArrayList<>();
        if (!Files.isDirectory(root)) {
            return removed;
        }
        try (Stream<Path> files = Files.walk(root, 3)) {
            for (Path file : (Iterable<Path>) files::iterator) {
                if (file.getFileName().toString().startsWith(TEMP_PREFIX) && Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)
                        && Files.getLastModifiedTime(file, LinkOption.NOFOLLOW_LINKS).compareTo(before) < 0) {
                    Files.deleteIfExists(file);
                    removed.add(root.relativize(file).toString());
                }
            }
        }
        return removed;
    }

    private static void syncFolder(Path folder) throws IOException {
        try (FileChannel channel = FileChannel.open(folder, StandardOpenOption.READ)) {
            channel.force(true);
        }
    }

    private FileAttribute<?>[] attribute(Set<PosixFilePermission> mode) {
        return posix() ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(mode)} : new FileAttribute<?>[0];
    }

    private boolean posix() {
        return root.getFileSystem().supportedFileAttributeViews().contains("posix");
    }
}
