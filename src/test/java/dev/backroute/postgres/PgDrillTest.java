package dev.backroute.postgres;

import dev.backroute.Hosts;
import dev.backroute.catalog.BackupCatalog;
import dev.backroute.catalog.BackupRecord;
import dev.backroute.catalog.ManifestAuthority;
import dev.backroute.config.BackupConfig;
import dev.backroute.drill.BackupDrill;
import dev.backroute.drill.DrillCheck;
import dev.backroute.drill.DrillResult;
import dev.backroute.pipeline.ProgressListener;
import dev.backroute.testsupport.Cli;
import dev.backroute.testsupport.MovieSchema;
import dev.backroute.testsupport.PgTestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

/**
 * Drills of postgresql backups against a real PostgreSQL 15 with the real pg_dump, psql and pg_restore: a scratch
 * database per drill, checked table by table against what the backup recorded, and gone afterwards.
 */
class PgDrillTest {
    private static final Map<String, String> ENV = System.getenv();
    private static PgTestServer pg;

    @TempDir
    Path dir;

    private final List<String> said = new ArrayList<>();

    @BeforeAll
    static void startServer() throws Exception {
        pg = PgTestServer.start("drill-pw");
        pg.execute("postgres", "CREATE DATABASE movies");
        // pg_dump would render timestamps in this zone, the drill's session in another, but for PGTZ=UTC.
        pg.execute("postgres", "ALTER DATABASE movies SET timezone = 'Asia/Kolkata'");
        pg.execute("movies", MovieSchema.SQL + """
                CREATE SCHEMA "Odd Schema";
                CREATE TABLE "Odd Schema"."Mixed Case" ("Id" int, note text, stamp interval, f real);
                INSERT INTO "Odd Schema"."Mixed Case" VALUES (1, E'tab\\there, newline\\nthere, back\\\\slash', '1 day 02:03', 1.5),
                    (1, E'tab\\there, newline\\nthere, back\\\\slash', '1 day 02:03', 1.5), (2, NULL, NULL, 'NaN'),
                    (3, '\\.', '-3 months', -0.1), (NULL, 'a null first', NULL, NULL);
                CREATE TABLE slashes (t text);
                INSERT INTO slashes VALUES ('\\.'), ('\\'), (NULL), ('.');
                CREATE TABLE empty_one (id int);
                """);
    }

    @AfterAll
    static void stopServer() throws Exception {
        pg.close();
    }

    @ParameterizedTest
    @ValueSource(strings = {"plain", "custom"})
    void aDrillRestoresIntoAScratchDatabaseChecksEveryTableAndDropsIt(String format) throws Exception {
        BackupConfig config = backedUp(format, "\"movies\"", "", "");

        DrillResult result = drill(config, "movies", "20261206_010000", false);

        assertThat(result.passed()).as(describe(result)).isTrue();
        assertThat(result.scratch()).isEqualTo("database movies_drill_20261206_010000 on 127.0.0.1:" + pg.port());
        assertThat(result.checks()).extracting(DrillCheck::name).contains("restore", "rows public.movies", "digest public.movies",
                "rows public.users", "rows public.ratings", "digest public.ratings", "rows \"Odd Schema\".\"Mixed Case\"",
                "digest \"Odd Schema\".\"Mixed Case\"", "rows public.empty_one");
        assertThat(check(result, "rows public.movies").expected()).isEqualTo("1500");
        assertThat(check(result, "rows \"Odd Schema\".\"Mixed Case\"").actual()).isEqualTo("5");
        assertThat(check(result, "rows public.slashes").actual()).isEqualTo("4");
        assertThat(check(result, "rows public.empty_one").actual()).isEqualTo("0");
        assertThat(scratchDatabases()).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"plain", "custom"})
    void aCopyLineInACommentOrAFunctionBodyIsNoTableDataAndTheDrillCountsTheRealRows(String format) throws Exception {
        String database = "literals_" + format;
        pg.execute("postgres", "CREATE DATABASE " + database);
        pg.execute(database, """
                CREATE TABLE t (id int); INSERT INTO t VALUES (1), (2), (3);
                CREATE INDEX t_idx ON t(id); COMMENT ON INDEX t_idx IS E'note\\nCOPY public.t (id) FROM stdin;\\nend';
                CREATE FUNCTION f() RETURNS text LANGUAGE sql AS $$SELECT '
                COPY public.t (id) FROM stdin;
                '$$;
                """);
        BackupConfig config = backedUp(format, "\"" + database + "\"", "", "");

        DrillResult result = drill(config, database, "20261206_010100", false);

        assertThat(result.passed()).as(describe(result)).isTrue();
        assertThat(check(result, "rows public.t").expected()).isEqualTo("3");
        assertThat(check(result, "digest public.t").passed()).isTrue();
    }

    @Test
    void aDumpWhoseTablesCannotBeReadIsStillBackedUpAndItsDrillChecksTheRestoreOnly() throws Exception {
        pg.execute("postgres", "CREATE DATABASE unreadable");
        // The whole table-of-contents entry in a literal: it reads as the table's data a second time.
        pg.execute("unreadable", """
                CREATE TABLE t (id int); INSERT INTO t VALUES (1);
                CREATE INDEX t_idx ON t(id);
                COMMENT ON INDEX t_idx IS E'--\\n-- Data for Name: t; Type: TABLE DATA; Schema: public; Owner: x\\n--\\n\\nCOPY public.t (id) FROM stdin;\\nend';
                """);
        BackupConfig config = backedUp("plain", "\"unreadable\"", "", "");
        assertThat(latest(config, "unreadable").source()).doesNotContainKeys(PgTableFacts.ROWS, PgTableFacts.DIGEST);

        DrillResult result = drill(config, "unreadable", "20261206_010200", false);

        assertThat(result.passed()).as(describe(result)).isTrue();
        assertThat(result.checks()).extracting(DrillCheck::name).containsExactly("restore", "rows");
        assertThat(check(result, "rows").actual()).isEqualTo("not recorded by this backup (made before drills recorded them,"
                + " or its dump's tables could not be read: see the backup's warning in the log): only the restore and the"
                + " assertions are checked");
    }

    @Test
    void aDatabaseNamedLikeAConnectionStringIsBackedUpAndDrilledAsItselfNotTheDatabaseItNames() throws Exception {
        String name = "dbname=victim application_name=?%/'";
        pg.execute("postgres", "CREATE DATABASE victim");
        pg.execute("postgres", "CREATE DATABASE " + PgServer.quoteIdent(name));
        try (Connection c = new PgServer(new PgEndpoint("127.0.0.1", pg.port(), "postgres", pg.password(), name)).connect()) {
            c.createStatement().execute("CREATE TABLE precious (id int); INSERT INTO precious VALUES (1), (2)");
        }
        BackupConfig config = backedUp("custom", "\"" + name + "\"", "", "");
        assertThat(latest(config, name).source().get(PgTableFacts.ROWS)).isEqualTo(Map.of("public.precious", 2));

        DrillResult result = drill(config, name, "20261206_010400", false);

        assertThat(result.passed()).as(describe(result)).isTrue();
        assertThat(check(result, "rows public.precious").actual()).isEqualTo("2");
        assertThat(new PgServer(new PgEndpoint("127.0.0.1", pg.port(), "postgres", pg.password(), "victim")).userRelations())
                .as("the database the name spells as a connection string").isZero();
        assertThat(scratchDatabases()).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"plain", "custom"})
    void aRestoreFailingOnARowNamesTheErrorButNotTheRow(String format) throws Exception {
        String database = "checked_" + format;
        pg.execute("postgres", "CREATE DATABASE " + database);
        // The check reads a table whose data is restored after users': on restore, no email is allowed yet.
        pg.execute(database, """
                CREATE TABLE zz_allowed (email text);
                CREATE FUNCTION allowed(e text) RETURNS boolean LANGUAGE plpgsql IMMUTABLE
                    AS $$ BEGIN RETURN EXISTS (SELECT 1 FROM public.zz_allowed WHERE email = e); END $$;
                INSERT INTO zz_allowed VALUES ('alice@example.com');
                CREATE TABLE users (id int, email text CHECK (allowed(email)), ssn text);
                INSERT INTO users VALUES (1, 'alice@example.com', '123-45-6789');
                """);
        BackupConfig config = backedUp(format, "\"" + database + "\"", "", "");

        DrillResult result = drill(config, database, "20261206_010500", false);

        assertThat(result.passed()).isFalse();
        assertThat(result.firstFailure().name()).isEqualTo("restore");
        assertThat(result.firstFailure().actual()).startsWith(format.equals("plain") ? "psql failed restoring into"
                        + " checked_plain_drill_20261206_010500 on 127.0.0.1:" + pg.port() + " (exit status 3): psql:"
                        : "pg_restore failed restoring into checked_custom_drill_20261206_010500 on 127.0.0.1:" + pg.port()
                        + " (exit status 1): pg_restore: error: COPY failed for table \"users\": ERROR:")
                .endsWith("ERROR:  new row for relation \"users\" violates check constraint \"users_email_check\" (lines such"
                        + " as DETAIL and CONTEXT, and quoted values, left out: they may hold row data)")
                .doesNotContain("alice").doesNotContain("123-45-6789");
        assertThat(scratchDatabases()).isEmpty();
    }

    @Test
    void aDatabaseInAnotherEncodingIsDigestedInThatEncoding() throws Exception {
        pg.execute("postgres", "CREATE DATABASE latin ENCODING 'LATIN1' TEMPLATE template0 LC_COLLATE 'C' LC_CTYPE 'C'");
        pg.execute("latin", "CREATE TABLE films (title text); INSERT INTO films VALUES ('Amélie'), ('Les Misérables'), ('Ça');"
                + " CREATE TABLE \"séances\" (\"début\" int); INSERT INTO \"séances\" VALUES (20), (21)");
        BackupConfig config = backedUp("plain", "\"latin\"", "", "");
        assertThat(latest(config, "latin").source().get(PgTableFacts.ENCODING)).isEqualTo("LATIN1");

        DrillResult result = drill(config, "latin", "20261206_010300", true);

        assertThat(result.passed()).as(describe(result)).isTrue();
        assertThat(check(result, "digest public.films").passed()).isTrue();
        assertThat(check(result, "rows public.\"séances\"").actual()).isEqualTo("2");
        assertThat(check(result, "digest public.\"séances\"").passed()).isTrue();
        try (Connection c = pg.connect("latin_drill_20261206_010300"); ResultSet r = c.createStatement().executeQuery(
                "SELECT pg_encoding_to_char(encoding), datcollate FROM pg_database WHERE datname = current_database()")) {
            r.next();
            assertThat(r.getString(1) + " " + r.getString(2)).isEqualTo("LATIN1 C");
        }
        pg.execute("postgres", "DROP DATABASE latin_drill_20261206_010300");
    }

    @Test
    void anObjectInTemplate1DoesNotMakeTheScratchDatabaseNotEmpty() throws Exception {
        BackupConfig config = backedUp("plain", "\"movies\"", "", "");
        pg.execute("template1", "CREATE TABLE site_defaults (id int)");
        try {
            DrillResult result = drill(config, "movies", "20261206_010450", false);

            assertThat(result.passed()).as(describe(result)).isTrue();
        } finally {
            pg.execute("template1", "DROP TABLE site_defaults");
        }
    }

    @Test
    void theSourceDatabaseIsTheSameAfterADrill() throws Exception {
        BackupConfig config = backedUp("custom", "\"movies\"", "", "");
        String before = pg.dump("movies");

        DrillResult result = drill(config, "movies", "20261206_010500", false);

        assertThat(result.passed()).as(describe(result)).isTrue();
        assertThat(pg.dump("movies")).isEqualTo(before);
    }

    @Test
    void aBackupThatBreaksAnAssertionFailsThatCheckAndTheScratchDatabaseIsStillDropped() throws Exception {
        pg.execute("postgres", "CREATE DATABASE shrinking");
        pg.execute("shrinking", "CREATE TABLE movies (id int PRIMARY KEY, title text);"
                + " INSERT INTO movies SELECT g, 'Movie ' || g FROM generate_series(1, 1000) g;"
                + " DELETE FROM movies WHERE id > 990;");
        BackupConfig config = backedUp("plain", "\"shrinking\"", "", """
                "assertions": [{"name": "movies loaded", "sql": "SELECT count(*) FROM movies", "min": 1000},
                               {"name": "titles", "sql": "SELECT min(title) FROM movies", "equals": "Movie 1"},
                               {"name": "broken", "sql": "SELECT count(*) FROM no_such_table", "min": 1}]""");

        DrillResult result = drill(config, "shrinking", "20261206_011000", false);

        assertThat(result.passed()).isFalse();
        assertThat(result.firstFailure().describe()).isEqualTo("assertion movies loaded: expected at least 1000, got 990");
        assertThat(check(result, "assertion titles").passed()).isTrue();
        assertThat(check(result, "assertion broken").describe()).startsWith("assertion broken: expected at least 1, got error:"
                + " ERROR: relation \"no_such_table\" does not exist");
        assertThat(check(result, "rows public.movies").passed()).isTrue();
        assertThat(scratchDatabases()).isEmpty();
    }

    @Test
    void assertionsRunReadOnly() throws Exception {
        BackupConfig config = backedUp("plain", "\"movies\"", "", """
                "assertions": [{"name": "sneaky", "sql": "DELETE FROM users RETURNING 1", "min": 0}]""");

        DrillResult result = drill(config, "movies", "20261206_011500", false);

        assertThat(check(result, "assertion sneaky").describe()).isEqualTo("assertion sneaky: expected at least 0, got error:"
                + " ERROR: cannot execute DELETE in a read-only transaction");
    }

    @Test
    void theNextDrillDropsThisInstallationsKeptAndKilledScratchDatabasesOnlyAndNamesTheUnmarkedOnes() throws Exception {
        BackupConfig config = backedUp("plain", "\"movies\"", "", "");
        DrillResult kept = drill(config, "movies", "20261206_012000", true);
        assertThat(kept.passed()).as(describe(kept)).isTrue();
        assertThat(scratchDatabases()).containsExactly("movies_drill_20261206_012000");
        assertThat(comment("movies_drill_20261206_012000")).matches("backroute drill of postgresql_[0-9_]+ by "
                + Pattern.quote(installation(config)));
        // A drill killed between creating its database and marking it leaves one without a comment, and its name noted.
        pg.execute("postgres", "CREATE DATABASE movies_drill_20261206_011900");
        Files.writeString(config.backupDir().resolve(".drill/postgresql/" + PgScratchDatabase.CREATING), "movies_drill_20261206_011900");
        // Other installations' drills of a database of the same name on this server, live: another backup_dir, another host.
        database("movies_drill_20261206_011800", "backroute drill of postgresql_20261206_011800 by " + Hosts.localHost()
                + ":/srv/other/backups/.drill/postgresql");
        database("movies_drill_20261206_011810", "backroute drill of postgresql_20261206_011810 by other-host:" + config.backupDir()
                .resolve(".drill/postgresql").toAbsolutePath().normalize());
        // Unmarked look-alikes: no comment, an operator's comment, an older version's mark naming no installation.
        database("movies_drill_20261206_011700", null);
        database("movies_drill_20261206_011710", "keep: the operator's");
        database("movies_drill_20261206_011720", "backroute drill of postgresql_20261206_011720 (type postgresql)");
        database("movies2_drill_20261206_011600", null);

        DrillResult next = drill(config, "movies", "20261206_013000", false);

        assertThat(next.passed()).as(describe(next)).isTrue();
        assertThat(scratchDatabases()).containsExactly("movies2_drill_20261206_011600", "movies_drill_20261206_011700",
                "movies_drill_20261206_011710", "movies_drill_20261206_011720", "movies_drill_20261206_011800",
                "movies_drill_20261206_011810");
        String where = " on 127.0.0.1:" + pg.port();
        String leaving = ": named like a drill's scratch database but not marked as one (its comment is not a backroute drill"
                + " mark); drop it by hand if an earlier drill left it";
        assertThat(said).containsExactly(
                "leaving database movies_drill_20261206_011700" + where + leaving,
                "leaving database movies_drill_20261206_011710" + where + leaving,
                "leaving database movies_drill_20261206_011720" + where + leaving,
                "dropping database movies_drill_20261206_011900" + where + ", left by an earlier drill of postgresql",
                "dropping database movies_drill_20261206_012000" + where + ", left by an earlier drill of postgresql");
        assertThat(config.backupDir().resolve(".drill/postgresql/" + PgScratchDatabase.CREATING)).doesNotExist();
        for (String other : scratchDatabases()) {
            pg.execute("postgres", "DROP DATABASE \"" + other + "\"");
        }
    }

    @Test
    void aScratchNameAnotherInstallationsDrillTookInTheSameSecondFailsTheDrillNamingItsMark() throws Exception {
        BackupConfig config = backedUp("plain", "\"movies\"", "", "");
        String theirs = "backroute drill of postgresql_20261206_012500 by other-host:/srv/backups/.drill/postgresql";
        database("movies_drill_20261206_012500", theirs);

        assertThatThrownBy(() -> drill(config, "movies", "20261206_012500", false)).isInstanceOf(PgException.class)
                .hasMessage("the drill's scratch database movies_drill_20261206_012500 exists already on 127.0.0.1:" + pg.port()
                        + ", marked '" + theirs + "': another installation's drill of a database of the same name on this"
                        + " server made it in the same second; run the drill again a second later");
        assertThat(comment("movies_drill_20261206_012500")).isEqualTo(theirs);
        pg.execute("postgres", "DROP DATABASE movies_drill_20261206_012500");
    }

    @Test
    void theScratchDatabaseIsNeverASourceDatabaseEvenOneNamedLikeIt() throws Exception {
        pg.execute("postgres", "CREATE DATABASE \"movies_drill_20261206_014000\"");
        pg.execute("movies_drill_20261206_014000", "CREATE TABLE precious (id int); INSERT INTO precious VALUES (1)");
        BackupConfig config = backedUp("plain", "\"movies\", \"movies_drill_20261206_014000\"", "", "");

        assertThatThrownBy(() -> drill(config, "movies", "20261206_014000", false)).isInstanceOf(PgException.class)
                .hasMessage("the drill's scratch database movies_drill_20261206_014000 is also one of"
                        + " backup_types.postgresql.source.databases: the drill refuses to restore into it; run the drill"
                        + " again a second later");
        assertThat(pg.count("movies_drill_20261206_014000", "precious")).isEqualTo(1);
        pg.execute("postgres", "DROP DATABASE movies_drill_20261206_014000");
    }

    @Test
    void aDatabaseWithALongNameGetsAScratchNameThatFitsAndIsStillRecognised() throws Exception {
        String longName = "movies_catalogue_of_the_platform_with_a_long_name_" + "x".repeat(10);
        assertThat(longName).hasSize(60);
        pg.execute("postgres", "CREATE DATABASE " + longName);
        pg.execute(longName, "CREATE TABLE t (id int); INSERT INTO t SELECT generate_series(1, 7)");
        BackupConfig config = backedUp("custom", "\"" + longName + "\"", "", "");

        DrillResult kept = drill(config, longName, "20261206_015000", true);
        String scratch = PgScratchDatabase.scratchBase(longName) + "_drill_20261206_015000";
        assertThat(kept.passed()).as(describe(kept)).isTrue();
        assertThat(scratch).hasSize(63).startsWith("movies_catalogue_of_the_");
        assertThat(scratchDatabases()).containsExactly(scratch);
        DrillResult next = drill(config, longName, "20261206_015100", false);

        assertThat(next.passed()).as(describe(next)).isTrue();
        assertThat(scratchDatabases()).isEmpty();
    }

    @Test
    void aDrillServerGetsTheScratchDatabaseAndTheSourceServerNone() throws Exception {
        try (PgTestServer other = PgTestServer.start("other-pw")) {
            Files.writeString(Files.createDirectories(dir.resolve("custom")).resolve("other.txt"), other.password());
            BackupConfig config = backedUp("custom", "\"movies\"", "", """
                    "server": {"host": "127.0.0.1", "port": %d, "user": "postgres", "password_file": "other.txt"},
                    "assertions": [{"name": "users", "sql": "SELECT count(*) FROM users", "equals": "800"}]"""
                    .formatted(other.port()));
            List<String> sourceDatabases = databases(pg);

            DrillResult result = drill(config, "movies", "20261206_020000", true);

            assertThat(result.passed()).as(describe(result)).isTrue();
            assertThat(result.scratch()).isEqualTo("database movies_drill_20261206_020000 on 127.0.0.1:" + other.port());
            assertThat(databases(pg)).isEqualTo(sourceDatabases);
            assertThat(other.count("movies_drill_20261206_020000", "movies")).isEqualTo(1500);

            DrillResult next = drill(config, "movies", "20261206_020100", false);
            assertThat(next.passed()).as(describe(next)).isTrue();
            assertThat(databases(other)).noneMatch(d -> d.contains("_drill_"));
        }
    }

    @Test
    void theGlobalsAreDrilledIntoAFolderThatIsRemoved() throws Exception {
        BackupConfig config = backedUp("plain", "\"movies\"", ", \"globals\": true", "");
        List<String> sourceDatabases = databases(pg);

        DrillResult result = drill(config, "globals", "20261206_021000", false);

        assertThat(result.passed()).as(describe(result)).isTrue();
        assertThat(result.checks()).extracting(DrillCheck::name).containsExactly("restore", "globals script");
        assertThat(check(result, "globals script").actual()).matches("pg_dumpall globals script, 1 roles, [0-9]+ bytes");
        assertThat(result.scratch()).isEqualTo("folder " + config.backupDir().resolve(".drill/postgresql/globals_drill_20261206_021000"));
        assertThat(config.backupDir().resolve(".drill/postgresql/globals_drill_20261206_021000")).doesNotExist();
        assertThat(databases(pg)).isEqualTo(sourceDatabases);
    }

    @Test
    void aBackupMadeBeforeTablesWereRecordedPassesWithANoteAndAMalformedFactFails() throws Exception {
        BackupConfig config = backedUp("plain", "\"movies\"", "", "");
        BackupRecord record = latest(config, "movies");
        Map<String, Object> older = new LinkedHashMap<>(record.source());
        older.keySet().removeIf(k -> k.startsWith("tables_"));
        Map<String, Object> damaged = new LinkedHashMap<>(record.source());
        damaged.put(PgTableFacts.ROWS, Map.of("public.movies", "many"));

        DrillResult old = new BackupDrill(config, ENV, said::add, ProgressListener.NONE).drill(withSource(record, older),
                "20261206_022000", false);
        DrillResult bad = new BackupDrill(config, ENV, said::add, ProgressListener.NONE).drill(withSource(record, damaged),
                "20261206_022100", false);

        assertThat(old.passed()).as(describe(old)).isTrue();
        assertThat(old.checks()).extracting(DrillCheck::name, DrillCheck::passed).containsExactly(tuple("restore", true), tuple("rows", true));
        assertThat(check(old, "rows").actual()).startsWith("not recorded by this backup");
        assertThat(bad.passed()).isFalse();
        assertThat(bad.firstFailure().describe()).isEqualTo("rows public.movies: expected a recorded row count, digest and COPY"
                + " column list of the table, got rows many, digest " + ((Map<?, ?>) record.source().get(PgTableFacts.DIGEST))
                .get("public.movies") + ", columns " + ((Map<?, ?>) record.source().get(PgTableFacts.COLUMNS)).get("public.movies"));
        assertThat(scratchDatabases()).isEmpty();
    }

    @Test
    void tablesThatCannotBeReadFailTheirChecksAndTheAssertionsStillRun() throws Exception {
        BackupConfig config = backedUp("plain", "\"movies\"", "", """
                "assertions": [{"name": "movies loaded", "sql": "SELECT count(*) FROM movies", "min": 1000}]""");
        BackupRecord record = latest(config, "movies");
        Map<String, Object> unknownEncoding = new LinkedHashMap<>(record.source());
        unknownEncoding.put(PgTableFacts.ENCODING, "NOPE");

        DrillResult result = new BackupDrill(config, ENV, said::add, ProgressListener.NONE).drill(withSource(record, unknownEncoding),
                "20261206_022200", false);

        assertThat(result.passed()).isFalse();
        assertThat(check(result, "rows public.movies").passed()).isFalse();
        assertThat(check(result, "rows public.movies").actual()).startsWith("error: ").contains("must be a valid encoding name");
        assertThat(check(result, "assertion movies loaded").passed()).as(describe(result)).isTrue();
        assertThat(scratchDatabases()).isEmpty();
    }

    @Test
    void aRestoredTableWhoseRowsDifferFailsItsDigestCheck() throws Exception {
        BackupConfig config = backedUp("plain", "\"movies\"", "", "");
        BackupRecord record = latest(config, "movies");
        Map<String, Object> changed = new LinkedHashMap<>(record.source());
        Map<String, Object> digests = new LinkedHashMap<>((Map<String, Object>) record.source().get(PgTableFacts.DIGEST));
        digests.put("public.users", "0".repeat(64));
        changed.put(PgTableFacts.DIGEST, digests);

        DrillResult result = new BackupDrill(config, ENV, said::add, ProgressListener.NONE).drill(withSource(record, changed),
                "20261206_023000", false);

        assertThat(result.firstFailure().name()).isEqualTo("digest public.users");
        assertThat(result.firstFailure().actual()).isEqualTo(digests(record).get("public.users"));
        assertThat(check(result, "rows public.users").passed()).isTrue();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> digests(BackupRecord record) {
        return (Map<String, Object>) record.source().get(PgTableFacts.DIGEST);
    }

    private BackupConfig backedUp(String format, String databases, String extraSource, String drill) throws Exception {
        Path config = PgFixture.config(Files.createDirectories(dir.resolve(format)), pg, "zstd", false, format, databases,
                extraSource, drill.isEmpty() ? "" : "\"drill\": {" + drill + "}");
        Cli.Result backup = Cli.withConfig(config, "backup", "--type", "postgresql");
        assertThat(backup.exitCode()).as(backup.all()).isZero();
        return BackupConfig.loadFromFile(config, ENV);
    }

    private static BackupRecord latest(BackupConfig config, String unit) throws Exception {
        return new BackupCatalog(config, ManifestAuthority.of(config, ENV)).latestSuccessful("postgresql", unit).record();
    }

    private DrillResult drill(BackupConfig config, String unit, String stamp, boolean keep) throws Exception {
        return new BackupDrill(config, ENV, said::add, ProgressListener.NONE).drill(latest(config, unit), stamp, keep);
    }

    private static BackupRecord withSource(BackupRecord r, Map<String, Object> source) {
        return new BackupRecord(r.formatVersion(), r.id(), r.runId(), r.type(), r.success(), r.error(), r.startedAt(),
                r.finishedAt(), r.artifact(), r.rawBytes(), r.storedBytes(), r.sha256(), r.contentSha256(), r.compression(),
                r.encryption(), r.storage(), source, r.host(), r.backrouteVersion(), r.validation(), r.format(), r.snapshots());
    }

    private static DrillCheck check(DrillResult result, String name) {
        return result.checks().stream().filter(c -> c.name().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("no check " + name + " in " + describe(result)));
    }

    private static String describe(DrillResult result) {
        return String.join("\n", result.checks().stream().map(DrillCheck::describe).toList());
    }

    private static List<String> scratchDatabases() throws Exception {
        return databases(pg).stream().filter(d -> d.contains("_drill_")).sorted().toList();
    }

    private static String installation(BackupConfig config) {
        return Hosts.localHost() + ":" + config.backupDir().resolve(".drill/postgresql").toAbsolutePath().normalize();
    }

    /** A database on the source server, with {@code comment} unless null. */
    private static void database(String name, String comment) throws Exception {
        pg.execute("postgres", "CREATE DATABASE " + PgServer.quoteIdent(name));
        if (comment != null) {
            pg.execute("postgres", "COMMENT ON DATABASE " + PgServer.quoteIdent(name) + " IS '" + comment.replace("'", "''") + "'");
        }
    }

    private static String comment(String database) throws Exception {
        try (Connection c = pg.connect("postgres"); ResultSet r = c.createStatement().executeQuery(
                "SELECT shobj_description(oid, 'pg_database') FROM pg_database WHERE datname = '" + database + "'")) {
            r.next();
            return r.getString(1);
        }
    }

    private static List<String> databases(PgTestServer server) throws Exception {
        List<String> names = new ArrayList<>();
        try (Connection c = server.connect("postgres");
             ResultSet r = c.createStatement().executeQuery("SELECT datname FROM pg_database ORDER BY datname")) {
            while (r.next()) {
                names.add(r.getString(1));
            }
        }
        return names;
    }
}
