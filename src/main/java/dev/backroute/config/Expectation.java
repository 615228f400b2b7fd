package dev.backroute.config;

import java.math.BigDecimal;

/**
 * What an operator's drill assertion expects of its answer: {@code equals} (compared as text, so it fits numbers and
 * strings alike), or bounds {@code min}/{@code max} on a number. At least one is required: an assertion that expects
 * nothing would pass whatever the restore brought back.
 */
public record Expectation(String equals, BigDecimal min, BigDecimal max) {

    /** Reads {@code equals}, {@code min} and {@code max} from an assertion's object. */
    public static Expectation read(Fields f) {
        String equals = f.get("equals").isPresent() ? f.get("equals").scalarText() : null;
        BigDecimal min = f.get("min").isPresent() ? f.get("min").number() : null;
        BigDecimal max = f.get("max").isPresent() ? f.get("max").number() : null;
        if (!f.get("equals").isPresent() && !f.get("min").isPresent() && !f.get("max").isPresent()) {
            f.problem("an assertion needs equals, min or max: say what the answer must be");
        }
        f.check("max", min == null || max == null || min.compareTo(max) <= 0, "must not be below min (" + min + ")");
        f.check("equals", equals == null || (min == null && max == null), "give equals, or min/max, not both");
        return new Expectation(equals, min, max);
    }

    /** Null when {@code actual} is what is expected, else what was expected, for the drill record ("at least 1000"). */
    public String problem(String actual) {
        BigDecimal value = number(actual);
        if (equals != null) {
            // 1000 and 1000.0 are the same count; text is compared as text.
            BigDecimal expected = number(equals);
            boolean same = expected != null && value != null ? expected.compareTo(value) == 0 : equals.equals(actual);
            return same ? null : "expected " + equals;
        }
        if (value == null) {
            return "expected a number " + bounds();
        }
        boolean ok = (min == null || value.compareTo(min) >= 0) && (max == null || value.compareTo(max) <= 0);
        return ok ? null : "expected " + bounds();
    }

    private static BigDecimal number(String text) {
        try {
            return text == null ? null : new BigDecimal(text.trim());
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** The bounds as a phrase: "at least 1000", "at most 5", "from 1 to 5". */
    public String bounds() {
        if (min != null && max != null) {
            return "from " + min.toPlainString() + " to " + max.toPlainString();
        }
        return min != null ? "at least " + min.toPlainString() : "at most " + max.toPlainString();
    }

    /** The expectation as the drill record shows it. */
    @Override
    public String toString() {
        return equals != null ? "= " + equals : bounds();
    }
}
