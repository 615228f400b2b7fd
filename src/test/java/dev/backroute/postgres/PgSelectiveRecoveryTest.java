package dev.backroute.postgres;

import dev.backroute.testsupport.Cli;
import dev.backroute.testsupport.PgTestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** recover --table/--schema: pg_restore restores only the named objects of a custom-format dump, into a real PostgreSQL 15. */
class PgSelectiveRecoveryTest {
    private static PgTestServer pg;

    @TempDir
    Path dir;

    @BeforeAll
    static void startServer() throws Exception {
        pg = PgTestServer.start("s3cret-pw");
        pg.execute("postgres", "CREATE DATABASE shop");
        pg.execute("shop", """
                CREATE TABLE customers (id int PRIMARY KEY, name text);
                INSERT INTO customers SELECT g, 'customer ' || g FROM generate_series(1, 300) g;
                CREATE TABLE orders (id int PRIMARY KEY, customer int, total numeric);
                INSERT INTO orders SELECT g, g % 300, g * 1.5 FROM generate_series(1, 500) g;
                CREATE SCHEMA archive;
                CREATE TABLE archive.orders_2020 (id int PRIMARY KEY, total numeric);
                INSERT INTO archive.orders_2020 SELECT g, g FROM generate_series(1, 40) g;
                """);
    }

    @AfterAll
    static void stopServer() throws Exception {
        pg.close();
    }

    private Path backedUp(String format) throws Exception {
        Path config = PgFixture.config(Files.createDirectories(dir.resolve(format)), pg, "zstd", false, format, "\"shop\"",
                ", \"globals\": true");
        Cli.Result backup = Cli.withConfig(config, "backup", "--type", "postgresql");
        assertThat(backup.exitCode()).as(backup.all()).isZero();
        return config;
    }

    private String into(String database) {
        return "postgresql://postgres@127.0.0.1:" + pg.port() + "/" + database;
    }

    @Test
    void tableRestoresOnlyThatTableWithItsRowsIntoAnEmptyDatabase() throws Exception {
        Path config = backedUp("custom");

        Cli.Result r = Cli.withConfig(config, "recover", "--backup-path", "postgresql:shop:latest", "--destination",
                into("only_customers"), "--table", "customers");

        assertThat(r.exitCode()).as(r.all()).isZero();
        assertThat(tables("only_customers")).containsExactly("public.customers");
        assertThat(pg.count("only_customers", "customers")).isEqualTo(300);
        // pg_restore's --table brings the definition and rows, not the primary key's constraint (docs/recovery.md).
        assertThat(pg.count("only_customers", "pg_indexes WHERE schemaname = 'public'")).isZero();
    }

    @Test
    void schemaRestoresOnlyTheTablesOfThatSchema() throws Exception {
        Path config = backedUp("custom");

        Cli.Result r = Cli.withConfig(config, "recover", "--backup-path", "postgresql:shop:latest", "--destination",
                into("only_archive"), "--schema", "archive");

        assertThat(r.exitCode()).as(r.all()).isZero();
        assertThat(tables("only_archive")).containsExactly("archive.orders_2020");
        assertThat(pg.count("only_archive", "archive.orders_2020")).isEqualTo(40);
    }

    @Test
    void aNameThatWouldReadAsAnOptionIsRefusedBeforeTheDatabaseIsTouched() throws Exception {
        Path config = backedUp("custom");

        Cli.Result r = Cli.withConfig(config, "recover", "--backup-path", "postgresql:shop:latest", "--destination",
                into("never_made"), "--table=--clean");

        assertThat(r.exitCode()).as(r.all()).isEqualTo(2);
        assertThat(r.err().strip()).isEqualTo("backroute: error: --table '--clean' is not a table or schema name (empty,"
                + " starting with '-', or holding a control character)");
        assertThat(databases()).doesNotContain("never_made");
    }

    @Test
    void tableIsRefusedForGlobalsForAPlainDumpAndForADirectoryAndIncludeForADatabase() throws Exception {
        Path config = backedUp("custom");

        Cli.Result globals = Cli.withConfig(config, "recover", "--backup-path", "postgresql:globals:latest", "--destination",
                into("postgres"), "--table", "customers");
        assertThat(globals.exitCode()).as(globals.all()).isEqualTo(2);
        assertThat(globals.err().strip()).matches("backroute: error: --table and --schema do not apply to postgresql_[0-9_]+:"
                + " it holds roles and tablespaces \\(globals\\), not a database");

        Cli.Result toFolder = Cli.withConfig(config, "recover", "--backup-path", "postgresql:shop:latest", "--destination",
                dir.resolve("out").toString(), "--schema", "archive");
        assertThat(toFolder.exitCode()).as(toFolder.all()).isEqualTo(2);
        assertThat(toFolder.err().strip()).isEqualTo("backroute: error: --table and --schema apply only to restoring a"
                + " PostgreSQL backup into a server (postgresql://…); this one is of kind postgresql into a directory");
        assertThat(dir.resolve("out")).doesNotExist();

        Cli.Result include = Cli.withConfig(config, "recover", "--backup-path", "postgresql:shop:latest", "--destination",
                into("never_made"), "--include", "customers");
        assertThat(include.exitCode()).as(include.all()).isEqualTo(2);
        assertThat(include.err().strip()).isEqualTo("backroute: error: --include and --exclude apply only to a backup of files;"
                + " this one is of kind postgresql");

        Path plain = backedUp("plain");
        Cli.Result sql = Cli.withConfig(plain, "recover", "--backup-path", "postgresql:shop:latest", "--destination",
                into("never_made"), "--table", "customers");
        assertThat(sql.exitCode()).as(sql.all()).isEqualTo(2);
        assertThat(sql.err().strip()).matches("backroute: error: --table and --schema need a custom-format dump \\(format: custom\\),"
                + " which pg_restore reads; postgresql_[0-9_]+ is a plain SQL dump, which psql loads whole");
        assertThat(databases()).doesNotContain("never_made");
    }

    private static List<String> tables(String database) throws Exception {
        List<String> tables = new ArrayList<>();
        try (Connection c = pg.connect(database); ResultSet r = c.createStatement().executeQuery("SELECT schemaname || '.' || tablename"
                + " FROM pg_tables WHERE schemaname NOT IN ('pg_catalog', 'information_schema') ORDER BY 1")) {
            while (r.next()) {
                tables.add(r.getString(1));
            }
        }
        return tables;
    }

    private static List<String> databases() throws Exception {
        List<String> names = new ArrayList<>();
        try (Connection c = pg.connect("postgres"); ResultSet r = c.createStatement().executeQuery("SELECT datname FROM pg_database")) {
            while (r.next()) {
                names.add(r.getString(1));
            }
        }
        return names;
    }
}
