package dev.backroute.archive;

import java.util.Comparator;
import java.util.List;

/**
 * The order in which {@link TarWriter} visits entry names: the roots in the order given, each depth first, a
 * directory before what it holds, siblings by file name. Lets the entries of an earlier walk (a repository's last
 * tree) be read along with this one in a single pass. A name under none of the roots sorts first, so a reader
 * passes over it.
 */
public final class WalkOrder implements Comparator<String> {
    private final List<String> roots;

    public WalkOrder(List<TarRoot> roots) {
        this.roots = roots.stream().map(TarRoot::name).toList();
    }

    @Override
    public int compare(String a, String b) {
        int byRoot = Integer.compare(root(a), root(b));
        return byRoot != 0 ? byRoot : bySegments(a, b);
    }

    private int root(String name) {
        for (int i = 0; i < roots.size(); i++) {
            String root = roots.get(i);
            if (name.equals(root) || name.startsWith(root) && name.length() > root.length() && name.charAt(root.length()) == '/') {
                return i;
            }
        }
        return -1;
    }

    /** Segment by segment, as the walk sorts each directory's children by name; a parent before its children. */
    private static int bySegments(String a, String b) {
        int i = 0;
        int j = 0;
        while (i < a.length() && j < b.length()) {
            int endA = end(a, i);
            int endB = end(b, j);
            int c = a.substring(i, endA).compareTo(b.substring(j, endB));
            if (c != 0) {
                return c;
            }
            i = endA + 1;
            j = endB + 1;
        }
        return Integer.compare(a.length() - Math.min(i, a.length()), b.length() - Math.min(j, b.length()));
    }

    private static int end(String s, int from) {
        int slash = s.indexOf('/', from);
        return slash < 0 ? s.length() : slash;
    }
}
