package dev.backroute.testsupport;

/** The movie platform's relational schema with every column kind a backup must carry, and a few thousand rows. */
public final class MovieSchema {
    private MovieSchema() {}

    public static final String SQL = """
            CREATE TYPE maturity AS ENUM ('G', 'PG', 'PG-13', 'R', 'NC-17');
            CREATE SEQUENCE ticket_seq START 1000 INCREMENT 7;
            CREATE TABLE movies (
                id          bigserial PRIMARY KEY,
                title       text NOT NULL,
                released    date,
                rating      maturity,
                budget      numeric(14, 2),
                genres      text[],
                metadata    jsonb,
                poster      bytea,
                added_at    timestamptz NOT NULL DEFAULT '2024-01-01 00:00:00+00'
            );
            COMMENT ON TABLE movies IS 'Movie catalogue — métadonnées, 千と千尋';
            COMMENT ON COLUMN movies.genres IS 'ordered genre list';
            CREATE TABLE users (
                id          serial PRIMARY KEY,
                email       text UNIQUE NOT NULL,
                display     varchar(80),
                scores      double precision[],
                created_at  timestamptz NOT NULL
            );
            CREATE TABLE ratings (
                user_id     int REFERENCES users(id) ON DELETE CASCADE,
                movie_id    bigint REFERENCES movies(id),
                stars       numeric(2, 1) CHECK (stars BETWEEN 0 AND 5),
                rated_at    timestamptz,
                ticket      bigint DEFAULT nextval('ticket_seq'),
                PRIMARY KEY (user_id, movie_id)
            );
            CREATE INDEX ratings_movie_idx ON ratings (movie_id, stars DESC);
            CREATE INDEX movies_metadata_idx ON movies USING gin (metadata);
            CREATE VIEW movie_stats AS
                SELECT m.id, m.title, count(r.*) AS votes, avg(r.stars) AS mean
                FROM movies m LEFT JOIN ratings r ON r.movie_id = m.id GROUP BY m.id, m.title;
            INSERT INTO movies (title, released, rating, budget, genres, metadata, poster, added_at)
                SELECT 'Movie ' || g || CASE WHEN g % 10 = 0 THEN ' — l''été' ELSE '' END,
                       date '1990-01-01' + g,
                       (ARRAY['G','PG','PG-13','R','NC-17']::maturity[])[1 + g % 5],
                       g * 1000.25,
                       ARRAY['drama', 'genre' || (g % 7)],
                       jsonb_build_object('imdb', 'tt' || g, 'tags', jsonb_build_array(g % 3, 'x'), 'nested', jsonb_build_object('n', g)),
                       decode(md5(g::text), 'hex'),
                       timestamptz '2024-01-01 00:00:00+00' + g * interval '1 hour'
                FROM generate_series(1, 1500) g;
            INSERT INTO users (email, display, scores, created_at)
                SELECT 'user' || g || '@example.org', 'User ' || g, ARRAY[g * 0.5, g / 3.0],
                       timestamptz '2023-06-01 12:00:00+02' + g * interval '1 minute'
                FROM generate_series(1, 800) g;
            INSERT INTO ratings (user_id, movie_id, stars, rated_at)
                SELECT 1 + (g % 800), 1 + (g * 7 % 1500), (g % 11) / 2.0, timestamptz '2024-02-01 00:00:00+00' + g * interval '1 second'
                FROM generate_series(1, 4000) g ON CONFLICT DO NOTHING;
            """;

    public static final String[] TABLES = {"movies", "users", "ratings"};
}
