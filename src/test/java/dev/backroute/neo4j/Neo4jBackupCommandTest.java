package dev.backroute.neo4j;

import dev.backroute.crypto.Keyset;
import dev.backroute.testsupport.Cli;
import dev.backroute.testsupport.RepositoryBackups;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.neo4j.harness.Neo4j;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The neo4j type end to end through the CLI and its Camel route, as an archive and through the type's repository,
 * between two in-process Neo4j 5.26 harnesses.
 */
class Neo4jBackupCommandTest {
    private static Neo4j source;
    private static Neo4j target;

    @TempDir
    Path dir;

    @BeforeAll
    static void start() {
        source = TestGraphs.start();
        target = TestGraphs.start();
        MovieGraph.create(source);
    }

    /** Each test recovers into the target database, which must start empty whatever ran before. */
    @BeforeEach
    void emptyTarget() {
        TestGraphs.clear(target);
    }

    @AfterAll
    static void stop() {
        source.close();
        target.close();
    }

    @Test
    void backupValidateAndRecoverIntoAnEmptyDatabaseThroughTheCli() throws Exception {
        Path config = dir.resolve("backup_config.json");
        Files.writeString(config, """
                { "backup_types": { "neo4j": { "compression": "zstd", "storage": ["local"],
                    "source": { "uri": "%s", "database": "neo4j" } } } }
                """.formatted(source.boltURI()));

        Cli.Result backup = Cli.withConfig(config, "backup", "--type", "neo4j");
        assertThat(backup.exitCode()).as(backup.all()).isZero();
        assertValidatesAndRecoversIntoTheTarget(config);

        Cli.Result again = Cli.withConfig(config, "recover", "--backup-path", "neo4j:latest", "--destination", target.boltURI() + "/neo4j");
        assertThat(again.exitCode()).isEqualTo(2);
        assertThat(again.err()).contains("--overwrite");

        Path out = dir.resolve("export");
        Cli.Result toDir = Cli.withConfig(config, "recover", "--backup-path", "neo4j:latest", "--destination", out.toString());
        assertThat(toDir.exitCode()).as(toDir.all()).isZero();
        try (Stream<Path> files = Files.list(out)) {
            Path export = files.findFirst().orElseThrow();
            assertThat(export.getFileName().toString()).endsWith(".jsonl");
            assertThat(Neo4jExportFormat.verify(Files.newInputStream(export))).contains("nodes");
        }
    }

    @Test
    void anEncryptedGraphKeptInTheRepositoryRecoversIntoAnEmptyDatabaseAndValidates() throws Exception {
        Keyset.generate(dir.resolve("keyset.json"));
        Path config = dir.resolve("backup_config.json");
        Files.writeString(config, """
                { "backup_types": { "neo4j": { "compression": "zstd", "encrypt": true, "storage": ["local"], %s,
                    "source": { "uri": "%s", "database": "neo4j" } } },
                  "encryption": { "keyset_file": "keyset.json" } }
                """.formatted(RepositoryBackups.SMALL_CHUNKS, source.boltURI()));

        Cli.Result backup = Cli.withConfig(config, "backup", "--type", "neo4j");
        assertThat(backup.exitCode()).as(backup.all()).isZero();
        RepositoryBackups.assertLatestInRepositoryOn(config, "neo4j", "local");
        RepositoryBackups.assertKeyWrapped(config, "neo4j", "local");
        assertValidatesAndRecoversIntoTheTarget(config);
        RepositoryBackups.assertUnreadableWithoutKeyset(config, "neo4j", dir.resolve("without-keyset"));
    }

    /** The latest backup validates with its counts, and recovers into the empty target with the source's graph and schema. */
    private void assertValidatesAndRecoversIntoTheTarget(Path config) throws Exception {
        Cli.Result validate = Cli.withConfig(config, "validate", "--type", "neo4j", "--latest");
        assertThat(validate.exitCode()).as(validate.all()).isZero();
        assertThat(validate.out()).contains("nodes").contains("relationships");
        Cli.Result recover = Cli.withConfig(config, "recover", "--backup-path", "neo4j:latest", "--destination", target.boltURI() + "/neo4j");
        assertThat(recover.exitCode()).as(recover.all()).isZero();
        assertThat(TestGraphs.graph(target)).isEqualTo(TestGraphs.graph(source));
        assertThat(TestGraphs.schema(target)).isEqualTo(TestGraphs.schema(source));
    }

    @Test
    void serverDownIsAFailedBackupWithAClearMessage() throws Exception {
        Path config = dir.resolve("backup_config.json");
        Files.writeString(config, """
                { "backup_types": { "neo4j": { "storage": ["local"], "source": { "uri": "bolt://127.0.0.1:1" } } } }
                """);
        Cli.Result r = Cli.withConfig(config, "backup", "--type", "neo4j");
        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.err()).contains("backroute: error: neo4j: FAILED").contains("cannot connect to Neo4j at bolt://127.0.0.1:1");
    }
}
