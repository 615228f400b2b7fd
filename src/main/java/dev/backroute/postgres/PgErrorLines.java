package dev.backroute.postgres;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * What a failed psql or pg_restore printed, cut down for an error message that reaches logs, drill records and alerts:
 * the server's DETAIL and CONTEXT lines quote the failing row ({@code Failing row contains (...)}, {@code COPY users,
 * line 1: "..."}), and some ERROR lines the value they could not take, so production data would leave with them. Only
 * the programs' own lines and ERROR/FATAL lines are kept, values quoted after a colon or {@code value} are left out,
 * and the message says that something was.
 */
final class PgErrorLines {
    /** psql's and pg_restore's own lines, and the server's ERROR and FATAL lines (psql prefixes them with its input). */
    private static final Pattern KEPT = Pattern.compile("(?:pg_restore: |psql: |psql:.*?:\\d+: |ERROR: |FATAL: ).*");
    /** A value an error quotes: {@code invalid input syntax for type integer: "abc"}, {@code value "99" is out of range}. */
    private static final Pattern QUOTED_VALUE = Pattern.compile("(: |value )\"(?:[^\"]|\"\")*\"");
    private static final int LAST = 3;

    private PgErrorLines() {}

    /** The last ERROR-bearing lines of {@code output}, folded onto one line, without row data. */
    static String withoutRowData(String output) {
        List<String> kept = new ArrayList<>();
        boolean leftOut = false;
        for (String line : output.strip().lines().toList()) {
            String masked = QUOTED_VALUE.matcher(line).replaceAll("$1\"…\"");
            if (KEPT.matcher(line).matches()) {
                kept.add(masked.strip());
            }
            leftOut |= !KEPT.matcher(line).matches() || !masked.equals(line);
        }
        List<String> last = kept.subList(Math.max(0, kept.size() - LAST), kept.size());
        String text = last.isEmpty() ? "no error line in its output" : String.join(" / ", last);
        return leftOut ? text + " (lines such as DETAIL and CONTEXT, and quoted values, left out: they may hold row data)" : text;
    }
}
