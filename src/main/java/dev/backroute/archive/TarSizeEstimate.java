package dev.backroute.archive;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;

/**
 * About how many bytes {@link TarWriter} will write for some roots, from one walk of their metadata:
 * enough for a progress display's percentage and ETA, never used to check anything. A live tree may
 * change before it is archived, and unreadable paths simply count for nothing here.
 */
final class TarSizeEstimate extends SimpleFileVisitor<Path> {
    private static final long BLOCK = 512;
    // A header block, plus the pax record a sub-second modification time brings (its own header and data block).
    private static final long PER_ENTRY = 3 * BLOCK;
    // The end-of-archive marker, then padding to GNU tar's 10 KiB record.
    private static final long END = 2 * BLOCK;
    private static final long RECORD = 20 * BLOCK;

    private final SourceFilter filter;
    private Path root;
    private String rootName;
    private long bytes;
    private long fileBytes;

    TarSizeEstimate(SourceFilter filter) {
        this.filter = filter;
    }

    /** @param realRoot a real path, as {@link TarWriter} archives it */
    void add(Path realRoot, String name) {
        root = realRoot;
        rootName = name;
        try {
            Files.walkFileTree(realRoot, this);
        } catch (IOException e) {
            // An estimate: what could not be walked counts for nothing.
        }
    }

    /** The regular files' sizes alone: what a walk into a repository reads. */
    long fileBytes() {
        return fileBytes;
    }

    long bytes() {
        long total = bytes + END;
        return (total + RECORD - 1) / RECORD * RECORD;
    }

    @Override
    public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
        if (excluded(dir)) {
            return FileVisitResult.SKIP_SUBTREE;
        }
        bytes += PER_ENTRY;
        return FileVisitResult.CONTINUE;
    }

    @Override
    public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
        if (!excluded(file)) {
            bytes += PER_ENTRY + (attrs.isRegularFile() ? (attrs.size() + BLOCK - 1) / BLOCK * BLOCK : 0);
            fileBytes += attrs.isRegularFile() ? attrs.size() : 0;
        }
        return FileVisitResult.CONTINUE;
    }

    @Override
    public FileVisitResult visitFileFailed(Path file, IOException e) {
        return FileVisitResult.CONTINUE;
    }

    private boolean excluded(Path path) {
        if (path.equals(root)) {
            return false; // the configuration named it
        }
        Path relative = root.relativize(path);
        return filter.excludes(path, relative, rootName + "/" + relative.toString().replace('\\', '/'));
    }
}
