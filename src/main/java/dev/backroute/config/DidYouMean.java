package dev.backroute.config;

import java.util.Collection;
import java.util.Comparator;
import java.util.Optional;

/** Suggests the expected name a typo was probably meant to be: config keys, and commands and options on the command line. */
public final class DidYouMean {
    private static final int MAX_DISTANCE = 2;

    private DidYouMean() {}

    /** "; did you mean 'x'?" for the closest candidate within edit distance 2, else "". */
    static String hint(String given, Collection<String> candidates) {
        return closest(given, candidates).map(c -> "; did you mean '" + c + "'?").orElse("");
    }

    /** The candidate closest to {@code given}, if one is within edit distance 2; the first of equally close ones. */
    public static Optional<String> closest(String given, Collection<String> candidates) {
        return candidates.stream()
                .filter(c -> distance(given, c) <= MAX_DISTANCE)
                .min(Comparator.comparingInt(c -> distance(given, c)));
    }

    /** Levenshtein distance, two rows at a time. */
    static int distance(String a, String b) {
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int substitution = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                current[j] = Math.min(substitution, Math.min(previous[j], current[j - 1]) + 1);
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[b.length()];
    }
}
