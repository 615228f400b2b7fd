package dev.backroute;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Which packages each package's sources refer to, read from the source text: imports (static and
 * wildcard too) and fully qualified names anywhere in the code, comments included; a name inside a
 * string literal is not a reference. Packages are named relative to {@code dev.backroute}, the
 * top-level package itself as {@link #TOP}. It also finds the classes whose code, comments left out,
 * does something a check forbids.
 */
final class PackageReferences {
    static final String TOP = "dev.backroute";

    private static final Pattern PACKAGE = Pattern.compile("^package\\s+([\\w.]+)\\s*;", Pattern.MULTILINE);
    private static final Pattern OURS = references("dev.backroute");

    private PackageReferences() {}

    /** {@code prefix} followed by lower-case package segments, then a type name or {@code *}; group 1 is the segments. */
    static Pattern references(String prefix) {
        return Pattern.compile("(?<![\\w.\"])" + Pattern.quote(prefix) + "((?:\\.[a-z][a-z0-9_]*)*)\\.(?:[A-Z]|\\*)");
    }

    /** Package → the other dev.backroute packages its sources under {@code root} refer to (every package is a key). */
    static Map<String, Set<String>> ofSources(Path root) {
        Map<String, Set<String>> graph = new TreeMap<>();
        for (Path file : javaFiles(root)) {
            String source = read(file);
            String pkg = packageOf(source);
            Set<String> refs = graph.computeIfAbsent(pkg, k -> new TreeSet<>());
            referencedPackages(source).stream().filter(p -> !p.equals(pkg)).forEach(refs::add);
        }
        return graph;
    }

    /** The dev.backroute packages whose sources under {@code root} refer to anything under {@code prefix}. */
    static Set<String> referring(Path root, String prefix) {
        Pattern pattern = references(prefix);
        Set<String> packages = new TreeSet<>();
        for (Path file : javaFiles(root)) {
            String source = read(file);
            if (pattern.matcher(source).find()) {
                packages.add(packageOf(source));
            }
        }
        return packages;
    }

    /** The classes under {@code root} (named for their file: {@code dev.backroute.ops.Validation}) whose source passes {@code test}. */
    static Set<String> classes(Path root, Predicate<String> test) {
        Set<String> classes = new TreeSet<>();
        for (Path file : javaFiles(root)) {
            String source = read(file);
            if (test.test(source)) {
                String pkg = packageOf(source);
                String name = file.getFileName().toString().replaceFirst("\\.java$", "");
                classes.add(pkg.equals(TOP) ? TOP + "." + name : TOP + "." + pkg + "." + name);
            }
        }
        return classes;
    }

    /**
     * The source with its comments blanked out, string and character literals (text blocks too) kept: what
     * the compiler reads as code, for checks that a mention in a comment must not trip.
     */
    static String code(String source) {
        StringBuilder code = new StringBuilder(source);
        int i = 0;
        while (i < source.length()) {
            if (source.startsWith("//", i)) {
                int end = source.indexOf('\n', i);
                i = blank(code, i, end < 0 ? source.length() : end);
            } else if (source.startsWith("/*", i)) {
                int end = source.indexOf("*/", i + 2);
                i = blank(code, i, end < 0 ? source.length() : end + 2);
            } else if (source.startsWith("\"\"\"", i)) {
                i = endOfLiteral(source, i + 3, "\"\"\"");
            } else if (source.charAt(i) == '"' || source.charAt(i) == '\'') {
                i = endOfLiteral(source, i + 1, String.valueOf(source.charAt(i)));
            } else {
                i++;
            }
        }
        return code.toString();
    }

    /** Spaces for the characters from {@code start} to {@code end}, line breaks kept; returns {@code end}. */
    private static int blank(StringBuilder code, int start, int end) {
        for (int i = start; i < end; i++) {
            if (code.charAt(i) != '\n') {
                code.setCharAt(i, ' ');
            }
        }
        return end;
    }

    /** Just past the {@code quote} that closes a literal whose content starts at {@code from}, skipping escapes. */
    private static int endOfLiteral(String source, int from, String quote) {
        int i = from;
        while (i < source.length() && !source.startsWith(quote, i)) {
            i += source.charAt(i) == '\\' ? 2 : 1;
        }
        return Math.min(i + quote.length(), source.length());
    }

    static String packageOf(String source) {
        Matcher m = PACKAGE.matcher(source);
        if (!m.find()) {
            throw new IllegalArgumentException("no package declaration in:\n" + source);
        }
        return relative(m.group(1));
    }

    static Set<String> referencedPackages(String source) {
        Set<String> packages = new TreeSet<>();
        Matcher m = OURS.matcher(source);
        while (m.find()) {
            packages.add(m.group(1).isEmpty() ? TOP : m.group(1).substring(1));
        }
        return packages;
    }

    private static String relative(String pkg) {
        return pkg.equals(TOP) ? TOP : pkg.substring(TOP.length() + 1);
    }

    private static Iterable<Path> javaFiles(Path root) {
        try (Stream<Path> files = Files.walk(root)) {
            return files.filter(f -> f.toString().endsWith(".java")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
