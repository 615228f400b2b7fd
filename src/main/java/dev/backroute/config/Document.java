package dev.backroute.config;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The config file being read: where its relative paths resolve, the problems found so far, and the keys
 * each object accepts. Readers visit fields in whatever order cross-checks need, so each problem carries
 * its position in the document and they are sorted before being reported.
 */
final class Document {
    private record Located(List<Integer> position, ConfigException.Problem problem) {}

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

    private final Path file;
    private final List<Located> problems = new ArrayList<>();
    private final Map<String, Set<String>> acceptedKeys = new LinkedHashMap<>();

    /** {@code file}: the absolute path of the config file. */
    Document(Path file) {
        this.file = file;
    }

    Path resolve(String path) {
        return file.getParent().resolve(path).normalize();
    }

    void problem(List<Integer> position, String path, String message) {
        problems.add(new Located(position, new ConfigException.Problem(path, message)));
    }

    /** Records that the object at {@code objectPath} may hold {@code keys}, as its reader asked for them. */
    void accepts(String objectPath, Set<String> keys) {
        acceptedKeys.put(objectPath, Set.copyOf(keys));
    }

    /**
     * The keys of every object read, by JSON path ("" for the top level), except objects whose keys are
     * names the operator chooses. The reference documentation is checked against this.
     */
    Map<String, Set<String>> acceptedKeys() {
        return Collections.unmodifiableMap(acceptedKeys);
    }

    void throwIfProblems() {
        if (problems.isEmpty()) {
            return;
        }
        throw new ConfigException(file, problems.stream().sorted(Comparator.comparing(Located::position, DOCUMENT_ORDER))
                .map(Located::problem).toList());
    }
}
