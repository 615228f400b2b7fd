package dev.backroute.postgres;

import org.postgresql.core.Encoding;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Scans a dump in SQL text form (a plain pg_dump, or what {@code pg_restore --data-only --file=-} prints of a custom
 * one) for its table data: each {@code COPY <table> (<columns>) FROM stdin;} block, one line per row up to the line
 * {@code \.}, gives the table's row count and {@link RowDigest}. Streams: only lines outside the data are kept, and
 * only the first {@link #MAX_LINE} bytes of each, enough for any COPY header or SET line.
 *
 * <p>A line of the dump's DDL may look like a COPY header: a string literal (a comment, a function body) spans lines
 * and may hold any text. So a COPY line is a header only where pg_dump puts one, right after the table of contents'
 * comment for a table's data ({@code -- Data for Name: ...; Type: TABLE DATA; ...}, a {@code --} line and an empty
 * one), and only the dump's first {@code SET client_encoding} counts, which pg_dump writes before any object. The
 * lines after it, table and column names included, are read in that encoding.
 */
final class PgCopyScan {
    /** An identifier as pg_dump writes it: quoted when it is not all lower case letters, digits and underscores. */
    private static final String IDENT = "(?:\"(?:[^\"]|\"\")+\"|[a-z_][a-z0-9_$]*)";
    private static final Pattern TABLE = Pattern.compile(IDENT + "(?:\\." + IDENT + ")?");
    private static final Pattern COLUMNS = Pattern.compile("(?:" + IDENT + "(?:, " + IDENT + ")*)?");
    private static final Pattern COPY = Pattern.compile("COPY (" + TABLE.pattern() + ") (?:\\((" + COLUMNS.pattern()
            + ")\\) )?FROM stdin;");
    private static final Pattern ENCODING = Pattern.compile("SET client_encoding = '([A-Za-z0-9_]+)';");
    private static final Pattern DATA_ENTRY = Pattern.compile("-- Data for Name: .*; Type: TABLE DATA; Schema: .*");
    /** The lines from the table of contents' entry for a table's data down to its COPY header. */
    private static final List<Pattern> BEFORE_COPY = List.of(DATA_ENTRY, Pattern.compile("--"), Pattern.compile(""));
    private static final int MAX_LINE = 1 << 20;

    /** One table's data as the dump holds it: the COPY column list, how many rows, their digest. */
    record Table(String columns, long rows, String digest) {}

    private final Map<String, Table> tables = new LinkedHashMap<>();
    private final ByteArrayOutputStream line = new ByteArrayOutputStream();
    private String encoding;
    /** What the lines outside the data are written in: the dump's client encoding once it is set. */
    private Encoding textEncoding = Encoding.getDatabaseEncoding("UTF8");
    /** How many lines of {@link #BEFORE_COPY} the last lines were: at its size, the next line may be a COPY header. */
    private int beforeCopy;

    private String table;
    private String columns;
    private RowDigest rows;
    private boolean atLineStart = true;
    /** In a COPY block, a line started with a backslash: the next byte says whether it is the end marker. */
    private boolean backslash;
    /** The rest of the current line is skipped: the end marker's, or beyond MAX_LINE. */
    private boolean skipping;

    private PgCopyScan() {}

    static PgCopyScan of(InputStream in) throws IOException {
        PgCopyScan scan = new PgCopyScan();
        byte[] buf = new byte[1 << 16];
        int n;
        while ((n = in.read(buf)) > 0) {
            scan.feed(buf, n);
        }
        if (scan.rows != null) {
            throw new PgException("the dump ends inside the data of table " + scan.table + " (no \\. line)");
        }
        return scan;
    }

    /** Whether {@code table} and {@code columns} are a COPY target as pg_dump writes one: what a drill may put into SQL. */
    static boolean isCopyTarget(String table, String columns) {
        return TABLE.matcher(table).matches() && COLUMNS.matcher(columns).matches();
    }

    Map<String, Table> tables() {
        return Collections.unmodifiableMap(tables);
    }

    /** The dump's {@code client_encoding}, which its COPY lines are written in; null when it sets none. */
    String encoding() {
        return encoding;
    }

    private void feed(byte[] buf, int n) throws IOException {
        int i = 0;
        while (i < n) {
            if (rows != null && !skipping) {
                i = data(buf, i, n);
            } else {
                i = text(buf, i, n);
            }
        }
    }

    /** Inside a COPY block: rows stream into the digest; a line starting {@code \.} ends the block. */
    private int data(byte[] buf, int i, int n) {
        if (atLineStart && !backslash) {
            if (buf[i] == '\\') {
                backslash = true;
                return i + 1;
            }
        } else if (backslash) {
            backslash = false;
            if (buf[i] == '.') {
                tables.put(table, new Table(columns, rows.rows(), rows.hex()));
                rows = null;
                skipping = true;
                atLineStart = false;
                return i + 1;
            }
            // Data escapes a backslash as \\, so only the end marker starts with \. ; anything else is a row.
            rows.write('\\');
        }
        int end = i;
        while (end < n && buf[end] != '\n') {
            end++;
        }
        boolean lineEnds = end < n;
        rows.write(buf, i, (lineEnds ? end + 1 : end) - i);
        atLineStart = lineEnds;
        return lineEnds ? end + 1 : end;
    }

    /** Outside the data: collects the line, up to MAX_LINE bytes, and reads it when it ends. */
    private int text(byte[] buf, int i, int n) throws IOException {
        int end = i;
        while (end < n && buf[end] != '\n') {
            end++;
        }
        if (!skipping) {
            int keep = Math.min(end - i, MAX_LINE - line.size());
            line.write(buf, i, keep);
            skipping = keep < end - i;
        }
        if (end == n) {
            return n;
        }
        if (!skipping) {
            header(textEncoding.decode(line.toByteArray()));
        } else {
            beforeCopy = 0;
        }
        line.reset();
        skipping = false;
        atLineStart = true;
        return end + 1;
    }

    private void header(String text) throws PgException {
        Matcher copy = COPY.matcher(text);
        if (beforeCopy == BEFORE_COPY.size() && copy.matches()) {
            table = copy.group(1);
            columns = copy.group(2) == null ? "" : copy.group(2);
            if (tables.containsKey(table)) {
                throw new PgException("the dump holds the data of table " + table + " twice");
            }
            rows = new RowDigest();
            beforeCopy = 0;
            return;
        }
        if (beforeCopy < BEFORE_COPY.size() && BEFORE_COPY.get(beforeCopy).matcher(text).matches()) {
            beforeCopy++;
        } else {
            beforeCopy = DATA_ENTRY.matcher(text).matches() ? 1 : 0;
        }
        Matcher set = ENCODING.matcher(text);
        if (encoding == null && set.matches()) {
            encoding = set.group(1);
            textEncoding = Encoding.getDatabaseEncoding(encoding);
        }
    }
}
