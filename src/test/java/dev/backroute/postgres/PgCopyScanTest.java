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

            --
            -- Data for Name: movies; Type: TABLE DATA; Schema: public; Owner: postgres
            --

            COPY public.movies (id, title) FROM stdin;
            1\tAlien
            2\t\\N
            \\N\tno id
            \\\\.\tstarts with an escaped backslash
            \\.


            --
            -- Data for Name: Mixed "Case"; Type: TABLE DATA; Schema: Odd; Owner: postgres
            --

            COPY \"Odd\".\"Mixed \"\"Case\"\"\" (\"Id\", note) FROM stdin;
            \\.
            -- COPY public.fake (id) FROM stdin; in a comment is not a header

            --
            -- Data for Name: empty; Type: TABLE DATA; Schema: public; Owner: -
            --

            COPY public.empty FROM stdin;
            \\.
            """;

    /** The table of contents' comment pg_dump writes before a table's COPY block. */
    private static final String DATA_ENTRY = """
            --
            -- Data for Name: t; Type: TABLE DATA; Schema: public; Owner: postgres
            --

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
        assertThatThrownBy(() -> PgCopyScan.of(stream(DATA_ENTRY + "COPY public.t (id) FROM stdin;\n1\n2\n")))
                .isInstanceOf(PgException.class).hasMessage("the dump ends inside the data of table public.t (no \\. line)");
    }

    @Test
    void aCopyLineInAStringLiteralOfTheDdlIsNoHeaderNorIsALaterClientEncoding() throws Exception {
        String dump = """
                SET client_encoding = 'UTF8';
                CREATE FUNCTION public.f() RETURNS text
                    LANGUAGE sql
                    AS $$SELECT '
                COPY public.t (id) FROM stdin;
                SET client_encoding = 'LATIN1';
                '$$;
                """ + DATA_ENTRY + """
                COPY public.t (id) FROM stdin;
                1
                \\.

                COMMENT ON INDEX public.t_idx IS 'note
                COPY public.t (id) FROM stdin;
                end';
                """;

        PgCopyScan scan = PgCopyScan.of(stream(dump));

        assertThat(scan.tables()).containsOnlyKeys("public.t");
        assertThat(scan.tables().get("public.t").rows()).isEqualTo(1);
        assertThat(scan.encoding()).isEqualTo("UTF8");
    }

    @Test
    void tableNamesAreReadInTheDumpsClientEncoding() throws Exception {
        String dump = "SET client_encoding = 'LATIN1';\n" + DATA_ENTRY + "COPY public.\"séances\" (\"début\") FROM stdin;\n20\n\\.\n";

        PgCopyScan scan = PgCopyScan.of(new ByteArrayInputStream(dump.getBytes(StandardCharsets.ISO_8859_1)));

        assertThat(scan.tables()).containsOnlyKeys("public.\"séances\"");
        assertThat(scan.tables().get("public.\"séances\"").columns()).isEqualTo("\"début\"");
    }

    @Test
    void aTablesDataTwiceIsRefused() {
        String block = DATA_ENTRY + "COPY public.t (id) FROM stdin;\n1\n\\.\n";
        assertThatThrownBy(() -> PgCopyScan.of(stream(block + block)))
                .isInstanceOf(PgException.class).hasMessage("the dump holds the data of table public.t twice");
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
