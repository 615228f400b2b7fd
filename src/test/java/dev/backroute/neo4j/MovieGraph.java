package dev.backroute.neo4j;

import org.neo4j.driver.Driver;
import org.neo4j.driver.Session;
import org.neo4j.driver.Value;
import org.neo4j.driver.Values;
import org.neo4j.harness.Neo4j;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A small movie knowledge graph with every property type Neo4j stores, odd names and a schema. */
final class MovieGraph {
    static final String ODD_LABEL = "Odd Label `with` backticks";
    static final String ODD_KEY = "odd key `with` backticks";
    static final String ODD_TYPE = "ODD TYPE`";

    private MovieGraph() {}

    /** Every property type, keyed by name. */
    static Map<String, Value> allTypes() {
        Map<String, Value> p = new LinkedHashMap<>();
        p.put("string", Values.value("héllo \"wörld\"\nline two ✓ \u2028"));
        p.put("emptyString", Values.value(""));
        p.put("long", Values.value(Long.MAX_VALUE));
        p.put("negLong", Values.value(Long.MIN_VALUE));
        p.put("double", Values.value(Math.PI));
        p.put("tinyDouble", Values.value(Double.MIN_VALUE));
        p.put("negZero", Values.value(-0.0));
        p.put("nan", Values.value(Double.NaN));
        p.put("inf", Values.value(Double.POSITIVE_INFINITY));
        p.put("negInf", Values.value(Double.NEGATIVE_INFINITY));
        p.put("bool", Values.value(true));
        p.put("emptyList", Values.value(List.of()));
        p.put("strings", Values.value(List.of("a", "b c", "")));
        p.put("longs", Values.value(List.of(1L, -2L, Long.MAX_VALUE)));
        p.put("doubles", Values.value(List.of(1.5, Double.NaN, -0.0)));
        p.put("bools", Values.value(List.of(true, false)));
        p.put("bytes", Values.value(new byte[] {0, 1, -1, 127, -128}));
        p.put("emptyBytes", Values.value(new byte[0]));
        p.put("date", Values.value(LocalDate.of(2024, 2, 29)));
        p.put("farDate", Values.value(LocalDate.of(-12345, 1, 1)));
        p.put("localTime", Values.value(LocalTime.of(23, 59, 58, 123_456_789)));
        p.put("time", Values.value(OffsetTime.of(12, 0, 0, 1, ZoneOffset.ofHoursMinutes(-3, -30))));
        p.put("localDateTime", Values.value(LocalDateTime.of(2024, 3, 1, 12, 0, 0, 999_999_999)));
        p.put("dateTimeOffset", Values.value(ZonedDateTime.of(2024, 3, 1, 12, 0, 0, 0, ZoneOffset.ofHours(1))));
        p.put("dateTimeZone", Values.value(ZonedDateTime.of(2024, 3, 1, 12, 0, 0, 0, ZoneId.of("Europe/Paris"))));
        p.put("dates", Values.value(List.of(LocalDate.of(2000, 1, 1), LocalDate.of(1970, 1, 1))));
        p.put("duration", Values.isoDuration(14, 3, 3661, 500));
        p.put("negDuration", Values.isoDuration(-1, -2, -3, 0));
        p.put("cartesian2d", Values.point(7203, 1.5, -2.5));
        p.put("cartesian3d", Values.point(9157, 1, 2, 3));
        p.put("wgs84", Values.point(4326, 2.3522, 48.8566));
        p.put("wgs84_3d", Values.point(4979, 2.3522, 48.8566, 35.0));
        p.put("points", Values.value(List.of(Values.point(7203, 0, 0).asPoint(), Values.point(7203, 1, 1).asPoint())));
        p.put("durations", Values.value(List.of(Values.isoDuration(1, 0, 0, 0).asIsoDuration())));
        p.put(ODD_KEY, Values.value("odd"));
        p.put("key with space", Values.value(1L));
        return p;
    }

    static void create(Neo4j neo4j) {
        try (Driver d = TestGraphs.driver(neo4j); Session s = d.session()) {
            s.run("CREATE CONSTRAINT movie_id FOR (m:Movie) REQUIRE m.id IS UNIQUE").consume();
            s.run("CREATE CONSTRAINT genre_name FOR (g:Genre) REQUIRE (g.name) IS UNIQUE").consume();
            s.run("CREATE INDEX person_name FOR (p:Person) ON (p.name)").consume();
            s.run("CREATE INDEX person_name_born FOR (p:Person) ON (p.name, p.born)").consume();
            s.run("CREATE INDEX acted_role FOR ()-[r:ACTED_IN]-() ON (r.since)").consume();
            s.run("CREATE FULLTEXT INDEX movie_title FOR (m:Movie|Series) ON EACH [m.title, m.tagline] "
                    + "OPTIONS {indexConfig: {`fulltext.analyzer`: 'english'}}").consume();
            s.run("CREATE TEXT INDEX person_bio FOR (p:Person) ON (p.bio)").consume();
            s.run("CREATE POINT INDEX place_location FOR (p:Place) ON (p.location)").consume();
            s.run("CREATE VECTOR INDEX movie_embedding FOR (m:Movie) ON (m.embedding) "
                    + "OPTIONS {indexConfig: {`vector.dimensions`: 4, `vector.similarity_function`: 'cosine'}}").consume();
            s.run("CREATE INDEX `odd index` FOR (n:" + Cypher.quote(ODD_LABEL) + ") ON (n." + Cypher.quote(ODD_KEY) + ")").consume();

            s.run("""
                    UNWIND ['Drama', 'Sci-Fi', 'Comedy', 'Thriller'] AS g CREATE (:Genre {name: g})
                    """).consume();
            s.run("""
                    UNWIND range(1, 40) AS i
                    CREATE (m:Movie {id: i, title: 'Movie ' + i, tagline: 'Tagline of movie ' + i, released: 1980 + i % 40,
                                     rating: i / 7.0, embedding: [i * 0.1, 0.5, -0.25, 1.0 / i]})
                    WITH m, i
                    MATCH (g:Genre) WHERE i % 4 = 0 AND g.name = 'Drama' OR i % 4 = 1 AND g.name = 'Sci-Fi'
                                         OR i % 4 = 2 AND g.name = 'Comedy' OR i % 4 = 3 AND g.name IN ['Thriller', 'Drama']
                    CREATE (m)-[:IN_GENRE]->(g)
                    """).consume();
            s.run("""
                    UNWIND range(1, 60) AS i
                    CREATE (p:Person {name: 'Person ' + i, born: 1940 + i, bio: 'Bio ' + i})
                    WITH p, i
                    MATCH (m:Movie) WHERE m.id IN [i % 40 + 1, (i * 7) % 40 + 1]
                    CREATE (p)-[:ACTED_IN {roles: ['Role ' + i, 'Extra'], since: date('2000-01-01') + duration({days: i})}]->(m)
                    """).consume();
            s.run("""
                    MATCH (p:Person), (m:Movie) WHERE p.born % 10 = 0 AND m.id = p.born % 40 + 1
                    CREATE (p)-[:DIRECTED]->(m)
                    """).consume();
            s.run("""
                    MATCH (a:Movie), (b:Movie) WHERE b.id = a.id + 1 OR b.id = a.id + 5
                    CREATE (a)-[:SIMILAR_TO {score: 1.0 / (a.id + b.id), method: 'cosine'}]->(b)
                    """).consume();
            s.run("CREATE (:Place {name: 'Paris', location: point({latitude: 48.8566, longitude: 2.3522})})").consume();
            s.run("CREATE (:Person:Director {name: 'Person 1'})").consume(); // same name as another person: not unique
            s.run("CREATE ()").consume(); // a node without labels or properties
            Map<String, Object> params = new LinkedHashMap<>();
            params.put("props", Values.value(allTypes()));
            s.run("MATCH (m:Movie {id: 1}) CREATE (x:AllTypes:" + Cypher.quote(ODD_LABEL) + ")-[r:" + Cypher.quote(ODD_TYPE)
                    + "]->(m) SET x = $props, r = $props", params).consume();
            s.run("MATCH (x:AllTypes) CREATE (x)-[:SELF {w: 1}]->(x)").consume();
            s.run("CALL db.awaitIndexes(60)").consume();
        }
    }
}
