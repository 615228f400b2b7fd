package dev.backroute.postgres;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.FilterInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The COPY blocks of a dump's text: rows, their order-independent digest, the column list; whatever the read sizes. */
class PgCopyScanTest {
    private static final String DUMP = """
            --
            -- PostgreSQL database dump
            --
            SET client_encoding = 'UTF8';
            COPY public.movies (id, title) FROM stdin;
            1\tAlien
            2\t\\N
            \\N\tno id
            \\\\.\tstarts with an escaped backslash
            \\.
            COPY \"Odd\".\"Mixed \"\"Case\"\"\" (\"Id\", note) FROM stdin;
            \\.
            -- COPY public.fake (id) FROM stdin; in a comment is not a header
            COPY public.empty FROM stdin;
            \\.
            """;

    @Test
    void eachCopyBlockGivesItsRowsDigestAndColumnsWhateverTheReadSizes() throws Exception {
        PgCopyScan whole = PgCopyScan.of(stream(DUMP));
        PgCopyScan byteByByte = PgCopyScan.of(new FilterInputStream(stream(DUMP)) {
            @Override
            public int read(byte[] b, int off, int len) throws java.io.IOException {
                return super.read(b, off, Math.min(len, 1));
            }
        });

        assertThat(whole.tables().keySet()).containsExactly("public.movies", "\"Odd\".\"Mixed \"\"Case\"\"\"", "public.empty");
        assertThat(whole.tables().get("public.movies").rows()).isEqualTo(4);
        assertThat(whole.tables().get("public.movies").columns()).isEqualTo("id, title");
        assertThat(whole.tables().get("\"Odd\".\"Mixed \"\"Case\"\"\"").rows()).isZero();
        assertThat(whole.tables().get("public.empty").columns()).isEmpty();
        assertThat(whole.encoding()).isEqualTo("UTF8");
        assertThat(byteByByte.tables()).isEqualTo(whole.tables());
    }

    @Test
    void theDigestIgnoresRowOrderButNotADuplicateOrAChangedRow() throws Exception {
        String digest = digest("1\ta\n2\tb\n3\tc\n");

        assertThat(digest("3\tc\n1\ta\n2\tb\n")).isEqualTo(digest);
        assertThat(digest("1\ta\n2\tb\n3\tc\n3\tc\n")).isNotEqualTo(digest);
        assertThat(digest("1\ta\n2\tb\n3\tC\n")).isNotEqualTo(digest);
        assertThat(digest("")).isEqualTo("0".repeat(64));
    }

    @Test
    void aDumpCutInsideItsDataIsRefused() {
        assertThatThrownBy(() -> PgCopyScan.of(stream("COPY public.t (id) FROM stdin;\n1\n2\n")))
                .isInstanceOf(PgException.class).hasMessage("the dump ends inside the data of table public.t (no \\. line)");
    }

    @Test
    void onlyIdentifiersAsPgDumpWritesThemMayBeACopyTarget() {
        assertThat(PgCopyScan.isCopyTarget("public.movies", "id, title")).isTrue();
        assertThat(PgCopyScan.isCopyTarget("\"a; b\".\"c\"\"d\"", "\"x y\"")).isTrue();
        assertThat(PgCopyScan.isCopyTarget("public.movies; DROP TABLE x", "id")).isFalse();
        assertThat(PgCopyScan.isCopyTarget("public.movies", "id) TO PROGRAM 'x' --")).isFalse();
    }

    private static String digest(String rows) throws Exception {
        RowDigest digest = new RowDigest();
        digest.write(rows.getBytes(StandardCharsets.UTF_8));
        return digest.hex();
    }

    private static InputStream stream(String text) {
        return new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8));
    }
}
