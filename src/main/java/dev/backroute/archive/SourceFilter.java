package dev.backroute.archive;

import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** Decides which paths below a root stay out of the archive: exclude globs and skipped directories. */
final class SourceFilter {

    private final List<PathMatcher> pathGlobs;
    private final List<PathMatcher> fileNameGlobs;
    private final Set<Path> skipPaths = new HashSet<>();

    SourceFilter(List<String> excludeGlobs, Set<Path> skipPaths) throws IOException {
        // A glob without '/' ("*.log") is meant for file names at any depth.
        this.pathGlobs = excludeGlobs.stream().map(SourceFilter::matcher).toList();
        this.fileNameGlobs = excludeGlobs.stream().filter(g -> !g.contains("/")).map(SourceFilter::matcher).toList();
        for (Path skip : skipPaths) {
            this.skipPaths.add(realOrAbsolute(skip));
        }
    }

    /**
     * @param path       the real absolute path (the walk never descends through links, so it stays real)
     * @param relative   the path relative to its root
     * @param entryName  the name it would get in the archive
     */
    boolean excludes(Path path, Path relative, String entryName) {
        if (skipPaths.contains(path)) {
            return true;
        }
        Path name = Path.of(entryName);
        Path fileName = path.getFileName();
        return pathGlobs.stream().anyMatch(g -> g.matches(name) || g.matches(relative))
                || fileNameGlobs.stream().anyMatch(g -> g.matches(fileName));
    }

    private static PathMatcher matcher(String glob) {
        return FileSystems.getDefault().getPathMatcher("glob:" + glob);
    }

    // The backup directory may not exist yet when the filter is built; it can still appear under a root.
    private static Path realOrAbsolute(Path path) throws IOException {
        try {
            return path.toRealPath();
        } catch (NoSuchFileException e) {
            return path.toAbsolutePath().normalize();
        }
    }
}
