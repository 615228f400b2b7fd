package dev.backroute.postgres;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** A failed restore's output as an error message: the ERROR lines, never the row data the server quotes around them. */
class PgErrorLinesTest {
    @Test
    void detailAndContextLinesAndQuotedValuesAreLeftOutAndTheMessageSaysSo() {
        String output = """
                pg_restore: error: COPY failed for table "users": ERROR:  invalid input syntax for type integer: "123-45-6789"
                CONTEXT:  COPY users, line 1, column id: "123-45-6789"
                psql:/staging/x.restore:9: ERROR:  value "99999999999" is out of range for type integer
                DETAIL:  Failing row contains (1, alice@example.com,
                multi-line text).
                """;

        assertThat(PgErrorLines.withoutRowData(output)).isEqualTo("pg_restore: error: COPY failed for table \"users\": ERROR:"
                + "  invalid input syntax for type integer: \"…\" / psql:/staging/x.restore:9: ERROR:  value \"…\" is out of range"
                + " for type integer (lines such as DETAIL and CONTEXT, and quoted values, left out: they may hold row data)");
    }

    @Test
    void anErrorWithoutRowDataIsShownAsItIs() {
        assertThat(PgErrorLines.withoutRowData("pg_restore: error: could not execute query: ERROR:  role \"app\" does not exist\n"))
                .isEqualTo("pg_restore: error: could not execute query: ERROR:  role \"app\" does not exist");
    }
}
