package dev.backroute.config;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The config file being read: where its relative paths resolve, and the problems found so far.
 * Readers visit fields in whatever order cross-checks need, so each problem carries its position in
 * the document and they are sorted before being reported.
 */
final class Document {
    private record Problem(List<Integer> position, String path, String message) {}

    /** Positions compare like section numbers: 2 < 2.1 < 2.5 < 3. */
    private static final Comparator<List<Integer>> DOCUMENT_ORDER = (a, b) -> {
        for (int i = 0; i < Math.min(a.size(), b.size()); i++) {
            int c = Integer.compare(a.get(i), b.get(i));
            if (c != 0) {
                return c;
            }
        }
        return Integer.compare(a.size(), b.size());
    };

    private final Path baseDir;
    private final List<Problem> problems = new ArrayList<>();

    Document(Path baseDir) {
        this.baseDir = baseDir;
    }

    Path resolve(String path) {
        return baseDir.resolve(path).normalize();
    }

    void problem(List<Integer> position, String path, String message) {
        problems.add(new Problem(position, path, message));
    }

    void throwIfProblems() {
        if (problems.isEmpty()) {
            return;
        }
        List<Problem> sorted = problems.stream().sorted(Comparator.comparing(Problem::position, DOCUMENT_ORDER)).toList();
        throw new ConfigException(sorted.get(0).path(), sorted.stream().map(p -> p.path() + ": " + p.message()).toList());
    }
}
