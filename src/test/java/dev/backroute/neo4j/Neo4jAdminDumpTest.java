package dev.backroute.neo4j;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** admin_dump against stand-in neo4j-admin scripts (no real neo4j-admin here: it needs a stopped database and Java 21). */
class Neo4jAdminDumpTest {

    @Test
    void streamsTheDumpAndPassesTheDatabase(@TempDir Path dir) throws IOException {
        Path admin = script(dir, "printf 'DUMP:%s %s %s %s' \"$1\" \"$2\" \"$3\" \"$4\"; echo progress >&2");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Map<String, Object> facts = new Neo4jAdminDump(source(admin.toString(), "movies"), System.getenv()).dump(out);
        assertThat(out.toString()).isEqualTo("DUMP:database dump movies --to-stdout");
        assertThat(facts).containsEntry("mode", "admin_dump").containsEntry("database", "movies").containsEntry("dump_bytes", 37L);
    }

    @Test
    void failureNamesTheCause(@TempDir Path dir) throws IOException {
        Path admin = script(dir, "echo 'The database is in use. Stop database neo4j and try again.' >&2; exit 1");
        assertThatThrownBy(() -> new Neo4jAdminDump(source(admin.toString(), null), System.getenv()).dump(new ByteArrayOutputStream()))
                .isInstanceOf(IOException.class)
                .hasMessage("neo4j-admin database dump of 'neo4j' failed (exit 1): The database is in use. Stop database neo4j and try again."
                        + "; admin_dump needs the database stopped");
        assertThatThrownBy(() -> new Neo4jAdminDump(source(dir.resolve("nope").toString(), null), System.getenv()).dump(new ByteArrayOutputStream()))
                .isInstanceOf(IOException.class)
                .hasMessageStartingWith("cannot run neo4j-admin '" + dir.resolve("nope") + "'")
                .hasMessageEndingWith("; set source.admin_command to the neo4j-admin executable");
    }

    @Test
    void neo4jAdminGetsItsInstallationButNotTheSecretsOfTheJvm(@TempDir Path dir) throws IOException {
        Path admin = script(dir, "env");
        ByteArrayOutputStream out = new ByteArrayOutputStream();

        new Neo4jAdminDump(source(admin.toString(), "movies"), Map.of("NEO4J_HOME", "/opt/neo4j", "NEO4J_PASSWORD", "graph-pw",
                "BACKROUTE_KEYSET", "{}", "SLACK_WEBHOOK_URL", "https://hooks.slack.invalid/x", "PATH", "/usr/bin:/bin")).dump(out);

        // The shell running the stand-in adds PWD itself.
        assertThat(out.toString().lines().filter(l -> !l.startsWith("PWD=")).sorted())
                .containsExactly("NEO4J_HOME=/opt/neo4j", "PATH=/usr/bin:/bin");
    }

    private static Neo4jSource source(String admin, String database) {
        return new Neo4jSource("bolt://127.0.0.1:7687", "neo4j", null, database, "admin_dump", admin);
    }

    private static Path script(Path dir, String body) throws IOException {
        Path p = dir.resolve("neo4j-admin");
        Files.writeString(p, "#!/bin/sh\n" + body + "\n");
        Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rwx------"));
        return p;
    }
}
