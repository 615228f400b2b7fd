package dev.backroute.archive;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * A glob over the paths of a backup's entries (relative, '/'-separated, as {@code ls} shows them), matched against
 * the whole path: {@code *} matches any characters but '/', {@code ?} one character but '/', {@code [abc]},
 * {@code [a-z]} and {@code [!a]} one character of (or not of) a set, {@code **} as a whole segment any number of
 * segments (none included: {@code a/**}{@code /b} matches {@code a/b}), {@code **} inside a segment any characters,
 * '/' included; {@code \} makes the next character literal. A trailing '/' is ignored. java.nio's "glob:" matcher
 * is not used: its {@code a/**}{@code /b} does not match {@code a/b}, and it matches {@code Path}s, which a tree's
 * path need not be.
 */
public final class PathGlob {
    private final String glob;
    private final Pattern regex;

    private PathGlob(String glob, Pattern regex) {
        this.glob = glob;
        this.regex = regex;
    }

    /** @throws IllegalArgumentException naming what is wrong with {@code glob} */
    public static PathGlob of(String glob) {
        if (glob.startsWith("/")) {
            throw new IllegalArgumentException("paths in a backup are relative, as backroute ls shows them: drop the leading '/'");
        }
        String trimmed = glob.replaceFirst("/+$", "");
        if (trimmed.isEmpty()) {
            throw new IllegalArgumentException("a pattern cannot be empty");
        }
        List<String> segments = new ArrayList<>();
        for (String segment : trimmed.split("/", -1)) {
            // "**/**" is "**": consecutive ones would otherwise each demand a '/'.
            if (!(segment.equals("**") && !segments.isEmpty() && segments.get(segments.size() - 1).equals("**"))) {
                segments.add(segment);
            }
        }
        StringBuilder re = new StringBuilder();
        for (int i = 0; i < segments.size(); i++) {
            String segment = segments.get(i);
            boolean leadingAny = i == 1 && segments.get(0).equals("**");
            if (segment.equals("**")) {
                re.append(segments.size() == 1 ? ".*" : i == 0 ? "(?:.*/)?" : "(?:/.*)?");
            } else {
                if (i > 0 && !leadingAny) {
                    re.append('/');
                }
                segment(segment, re);
            }
        }
        return new PathGlob(glob, Pattern.compile(re.toString(), Pattern.DOTALL));
    }

    public boolean matches(String path) {
        return regex.matcher(path).matches();
    }

    /** Whether it matches {@code path} or the path of a directory above it. */
    boolean matchesOrAbove(String path) {
        for (int slash = path.indexOf('/'); slash >= 0; slash = path.indexOf('/', slash + 1)) {
            if (matches(path.substring(0, slash))) {
                return true;
            }
        }
        return matches(path);
    }

    @Override
    public String toString() {
        return glob;
    }

    private static void segment(String segment, StringBuilder re) {
        StringBuilder literal = new StringBuilder();
        for (int i = 0; i < segment.length(); i++) {
            char c = segment.charAt(i);
            if (c == '\\') {
                if (++i == segment.length()) {
                    throw new IllegalArgumentException("it ends in a lone '\\' (escape it as '\\\\')");
                }
                literal.append(segment.charAt(i));
                continue;
            }
            if (c != '*' && c != '?' && c != '[') {
                literal.append(c);
                continue;
            }
            // Quoted as a run, so that a character outside the BMP stays one code point.
            if (!literal.isEmpty()) {
                re.append(Pattern.quote(literal.toString()));
                literal.setLength(0);
            }
            switch (c) {
                case '*' -> {
                    boolean twice = i + 1 < segment.length() && segment.charAt(i + 1) == '*';
                    re.append(twice ? ".*" : "[^/]*");
                    while (i + 1 < segment.length() && segment.charAt(i + 1) == '*') {
                        i++;
                    }
                }
                case '?' -> re.append("[^/]");
                default -> i = charClass(segment, i, re);
            }
        }
        if (!literal.isEmpty()) {
            re.append(Pattern.quote(literal.toString()));
        }
    }

    /** {@code [...]} from {@code open}; returns the index of its ']'. A ']' first in the set is one of its characters. */
    private static int charClass(String segment, int open, StringBuilder re) {
        int i = open + 1;
        boolean negated = i < segment.length() && (segment.charAt(i) == '!' || segment.charAt(i) == '^');
        if (negated) {
            i++;
        }
        StringBuilder set = new StringBuilder();
        for (int first = i; ; i++) {
            if (i == segment.length()) {
                throw new IllegalArgumentException("it has a '[' without its ']' (a set cannot hold '/'; escape a literal '[' as '\\[')");
            }
            char c = segment.charAt(i);
            if (c == ']' && i > first) {
                break;
            }
            if (c == '-') {
                set.append('-');
                continue;
            }
            if (c == '\\' && i + 1 < segment.length()) {
                c = segment.charAt(++i);
            }
            // A backslash makes any other character literal in a regex set; letters, digits and halves of a
            // surrogate pair must stay bare.
            set.append(Character.isLetterOrDigit(c) || Character.isSurrogate(c) ? "" : "\\").append(c);
        }
        re.append(negated ? "[^/" : "[").append(set).append(']');
        return i;
    }
}
