package dev.backroute.config;

import java.nio.file.Path;
import java.util.List;

/**
 * A configuration that cannot be used. Loading reports every problem at once so an operator fixes the
 * file in one pass; the message stays one line because it ends up in logs and alerts: the problem
 * itself when there is one, else how many there are and in which file.
 */
public class ConfigException extends RuntimeException {

    /** One thing wrong: the JSON path of the field (or the option or file it is about) and what to do. */
    public record Problem(String path, String message) {
        /** As operators read it: {@code path: message}. */
        public String line() {
            return path + ": " + message;
        }
    }

    private final List<Problem> problems;

    /**
     * A lone problem about {@code path}; {@code line} names it, mostly as "path: what to do", which is
     * split so that {@link #problems()} holds the path once.
     */
    public ConfigException(String path, String line) {
        super(line);
        String prefix = path + ": ";
        this.problems = List.of(new Problem(path, line.startsWith(prefix) ? line.substring(prefix.length()) : line));
    }

    /** Every problem found in the config file {@code file}, in document order; at least one. */
    ConfigException(Path file, List<Problem> problems) {
        super(problems.size() == 1 ? problems.get(0).line() : problems.size() + " problems in " + file);
        this.problems = List.copyOf(problems);
    }

    /** The JSON path of the first problem, or the file name for file-level problems. */
    public String path() {
        return problems.get(0).path();
    }

    /** Every problem found, in document order. */
    public List<Problem> problems() {
        return problems;
    }
}
