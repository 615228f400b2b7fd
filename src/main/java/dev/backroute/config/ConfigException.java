package dev.backroute.config;

import java.util.List;

/**
 * A configuration that cannot be used. Loading reports every problem at once so an operator fixes the
 * file in one pass; the message stays one line (the first problem) because it ends up in CLI output.
 */
public class ConfigException extends RuntimeException {
    private final String path;
    private final List<String> problems;

    public ConfigException(String path, String problem) {
        this(path, List.of(problem));
    }

    /** {@code path} is where the first problem sits; each problem is a full "path: what to do" line. */
    public ConfigException(String path, List<String> problems) {
        super(summary(problems));
        this.path = path;
        this.problems = List.copyOf(problems);
    }

    /** The JSON path of the first problem, or the file name for file-level problems. */
    public String path() {
        return path;
    }

    /** Every problem found, in document order. */
    public List<String> problems() {
        return problems;
    }

    private static String summary(List<String> problems) {
        int more = problems.size() - 1;
        if (more == 0) {
            return problems.get(0);
        }
        return problems.get(0) + " (and " + more + " more problem" + (more == 1 ? "" : "s") + ")";
    }
}
