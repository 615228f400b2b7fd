package dev.backroute.config;

import java.util.List;

/**
 * An operator's drill assertion that runs a query on the restored copy and checks its single answer (first column of
 * the first row): {@code {"name": "movies loaded", "sql": "SELECT count(*) FROM movies", "min": 1000}}.
 *
 * @param name  how the drill record names the check; the query itself when not given
 * @param query the query, in the kind's language (SQL, Cypher)
 */
public record QueryAssertion(String name, String query, Expectation expect) {

    /** Every assertion of {@code drill.assertions}, each with its query under {@code queryKey} ({@code sql}, {@code cypher}). */
    public static List<QueryAssertion> readAll(Fields drill, String queryKey) {
        return drill.objects("assertions", a -> read(a, queryKey));
    }

    /** One assertion object; a kind that reads more keys of it (say, which database) reads them on the same {@code a}. */
    public static QueryAssertion read(Fields a, String queryKey) {
        String query = a.required(queryKey, "in a drill assertion: the query whose answer is checked");
        String name = a.nonEmpty("name", query);
        return new QueryAssertion(name, query, Expectation.read(a));
    }
}
