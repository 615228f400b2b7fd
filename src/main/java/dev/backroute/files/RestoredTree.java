package dev.backroute.files;

import dev.backroute.archive.TarSummary;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.InvalidPathException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * A files drill's restored folder, counted the way the backup counted its archive: hard links count as files and
 * their content once; the folders a restore creates only to hold a root ({@code var} and {@code var/lib} above a
 * root {@code var/lib/app}, which the archive has no entry for) are not counted.
 */
final class RestoredTree {
    private RestoredTree() {}

    /**
     * @param sourcePaths the absolute source paths the backup recorded; each root is named in the archive by the last
     *                    segments of its path (below the config's folder, or from the file system's root), so the
     *                    longest of those suffixes present in the restored folder is its root
     */
    static TarSummary count(Path folder, List<String> sourcePaths) throws IOException {
        Set<Path> onlyHolders = holders(roots(folder, sourcePaths));
        long[] n = new long[4];
        Set<Object> seen = new HashSet<>();
        Files.walkFileTree(folder, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
                if (!dir.equals(folder) && !onlyHolders.contains(folder.relativize(dir))) {
                    n[1]++;
                }
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                if (attrs.isSymbolicLink()) {
                    n[2]++;
                } else if (attrs.isRegularFile()) {
                    n[0]++;
                    if (attrs.fileKey() == null || seen.add(attrs.fileKey())) {
                        n[3] += attrs.size();
                    }
                }
                return FileVisitResult.CONTINUE;
            }
        });
        return new TarSummary(n[0], n[1], n[2], n[3], List.of());
    }

    /** Each recorded path's root as restored: a relative path under {@code folder}; a path not found there is left out. */
    private static List<Path> roots(Path folder, List<String> sourcePaths) {
        List<Path> roots = new ArrayList<>();
        for (String recorded : sourcePaths) {
            Path p;
            try {
                p = Path.of(recorded).normalize();
            } catch (InvalidPathException e) {
                continue; // not a path this backup could have archived: it names no root
            }
            for (int i = 0; i < p.getNameCount(); i++) {
                Path candidate = p.subpath(i, p.getNameCount());
                if (Files.exists(folder.resolve(candidate), LinkOption.NOFOLLOW_LINKS)) {
                    roots.add(candidate);
                    break;
                }
            }
        }
        return roots;
    }

    /** The strict ancestors of the roots that are not themselves a root or inside one. */
    private static Set<Path> holders(List<Path> roots) {
        Set<Path> holders = new HashSet<>();
        for (Path root : roots) {
            for (Path up = root.getParent(); up != null; up = up.getParent()) {
                Path ancestor = up;
                if (roots.stream().noneMatch(ancestor::startsWith)) {
                    holders.add(ancestor);
                }
            }
        }
        return holders;
    }
}
