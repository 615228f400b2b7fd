package dev.backroute.archive;

import java.util.BitSet;
import java.util.List;

/**
 * Which entries of a backup a restore writes, as restic's {@code restore --include/--exclude}: an entry is
 * selected when an include matches its path or the path of a directory above it (a directory brings everything
 * below it), or when there are no includes; an exclude matching the same way unselects it, whatever the includes say.
 */
public final class PathPatterns {
    public static final PathPatterns ALL = new PathPatterns(List.of(), List.of());

    private final List<PathGlob> includes;
    private final List<PathGlob> excludes;

    public PathPatterns(List<PathGlob> includes, List<PathGlob> excludes) {
        this.includes = List.copyOf(includes);
        this.excludes = List.copyOf(excludes);
    }

    public boolean selectsAll() {
        return includes.isEmpty() && excludes.isEmpty();
    }

    public List<PathGlob> includes() {
        return includes;
    }

    public List<PathGlob> excludes() {
        return excludes;
    }

    public boolean selects(String path) {
        return selects(path, new BitSet());
    }

    /** As {@link #selects(String)}, setting in {@code used} the index of each include that brought the entry in. */
    boolean selects(String path, BitSet used) {
        for (PathGlob exclude : excludes) {
            if (exclude.matchesOrAbove(path)) {
                return false;
            }
        }
        if (includes.isEmpty()) {
            return true;
        }
        boolean selected = false;
        for (int i = 0; i < includes.size(); i++) {
            if (includes.get(i).matchesOrAbove(path)) {
                used.set(i);
                selected = true;
            }
        }
        return selected;
    }
}
