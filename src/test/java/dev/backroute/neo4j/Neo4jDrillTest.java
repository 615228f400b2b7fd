package dev.backroute.neo4j;

import dev.backroute.catalog.BackupCatalog;
import dev.backroute.catalog.BackupRecord;
import dev.backroute.catalog.ManifestAuthority;
import dev.backroute.config.BackupConfig;
import dev.backroute.config.ConfigException;
import dev.backroute.drill.BackupDrill;
import dev.backroute.drill.Drill;
import dev.backroute.drill.DrillCheck;
import dev.backroute.drill.DrillResult;
import dev.backroute.pipeline.ProgressListener;
import dev.backroute.testsupport.Cli;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.neo4j.harness.Neo4j;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Drills of a neo4j backup between two in-process Neo4j 5.26 harnesses: the type's source (the movie graph, backed up
 * once) and its scratch server ({@code drill.uri}), emptied before each test.
 */
class Neo4jDrillTest {
    private static final String STAMP = "20261206_013000";
    private static final String MOVIES_LOADED = """
            {"name": "movies loaded", "cypher": "MATCH (m:Movie) RETURN count(m)", "min": %d}""";

    @TempDir
    static Path dir;
    private static Neo4j source;
    private static Neo4j scratch;
    private static List<String> sourceGraph;
    private static List<String> sourceSchema;

    private final List<String> said = new ArrayList<>();

    @BeforeAll
    static void startAndBackUp() throws Exception {
        CompletableFuture<Neo4j> second = CompletableFuture.supplyAsync(TestGraphs::start);
        source = TestGraphs.start();
        scratch = second.get();
        MovieGraph.create(source);
        sourceGraph = TestGraphs.graph(source);
        sourceSchema = TestGraphs.schema(source);
        Cli.Result backup = Cli.withConfig(writeConfig(scratchDrill("")), "backup", "--type", "neo4j");
        assertThat(backup.exitCode()).as(backup.all()).isZero();
    }

    @AfterAll
    static void stop() {
        if (source != null) source.close();
        if (scratch != null) scratch.close();
    }

    @BeforeEach
    void emptyScratch() {
        TestGraphs.clear(scratch);
    }

    @Test
    void aDrillRestoresIntoTheScratchServerChecksEveryCountAndLeavesItEmptyAndTheSourceUnchanged() throws Exception {
        DrillResult result = drill(scratchDrill(", \"assertions\": [" + MOVIES_LOADED.formatted(40) + "]"), STAMP, false);

        assertThat(result.passed()).as(describe(result)).isTrue();
        assertThat(result.scratch()).isEqualTo("database neo4j on " + display(scratch));
        assertThat(result.checks()).extracting(DrillCheck::name).contains("restore", "nodes", "relationships", "nodes labelled Genre",
                "nodes labelled " + MovieGraph.ODD_LABEL, "relationships of type ACTED_IN", "relationships of type SELF",
                "constraints", "indexes", "assertion movies loaded").doesNotContain("nodes labelled " + ScratchDatabase.MARKER);
        assertThat(result.checks()).contains(DrillCheck.same("nodes labelled Movie", 40, 40),
                DrillCheck.same("nodes", sourceGraph.stream().filter(l -> l.startsWith("N ")).count(),
                        sourceGraph.stream().filter(l -> l.startsWith("N ")).count()),
                DrillCheck.same("constraints", 2, 2), DrillCheck.same("indexes", 8, 8),
                new DrillCheck("assertion movies loaded", true, "at least 40", "40"));
        assertScratchEmpty();
        assertThat(TestGraphs.graph(source)).isEqualTo(sourceGraph);
        assertThat(TestGraphs.schema(source)).isEqualTo(sourceSchema);
    }

    @Test
    void aBrokenAssertionFailsTheDrillByNameAndTheScratchIsStillWiped() throws Exception {
        DrillResult result = drill(scratchDrill(", \"assertions\": [" + MOVIES_LOADED.formatted(1000) + ", "
                + "{\"name\": \"no writes\", \"cypher\": \"CREATE (n:Intruder) RETURN 1\", \"equals\": \"1\"}]"), STAMP, false);

        assertThat(result.passed()).isFalse();
        assertThat(result.firstFailure().describe()).isEqualTo("assertion movies loaded: expected at least 1000, got 40");
        DrillCheck write = result.checks().stream().filter(c -> c.name().equals("assertion no writes")).findFirst().orElseThrow();
        assertThat(write.passed()).isFalse();
        assertThat(write.actual()).startsWith("an error: ").contains("read");
        assertThat(result.checks()).filteredOn(c -> !c.passed()).hasSize(2);
        assertScratchEmpty();
    }

    @Test
    void aKeptDrillIsRemovedByTheNextDrill() throws Exception {
        String settings = scratchDrill("");
        DrillResult kept = drill(settings, STAMP, true);
        assertThat(kept.passed()).as(describe(kept)).isTrue();
        assertThat(TestGraphs.count(scratch, "MATCH (m:Movie) RETURN count(m)")).isEqualTo(40);
        assertThat(TestGraphs.count(scratch, "MATCH (m:" + ScratchDatabase.MARKER + " {type: 'neo4j', stamp: '" + STAMP + "'}) RETURN count(m)"))
                .isEqualTo(1);

        DrillResult next = drill(settings, "20261206_023000", false);

        assertThat(next.passed()).as(describe(next)).isTrue();
        assertThat(said).contains("removed what the drill of neo4j started " + STAMP + " left in database neo4j on " + display(scratch));
        assertScratchEmpty();
    }

    @Test
    void whatADrillKilledMidRestoreLeftIsRemovedByTheNextDrill() throws Exception {
        BackupConfig config = load(scratchDrill(""));
        BackupRecord record = latest(config);
        new Neo4jKind().prepare(new Drill(config.type("neo4j"), record, STAMP, workDir(config), Map.of(), said::add));
        // What the restore had written when the drill was killed: part of the nodes, under its helper label and constraint.
        TestGraphs.run(scratch, "CREATE CONSTRAINT `__backroute_import_id` FOR (n:`__BackrouteImport`) REQUIRE n.`__backroute_id` IS UNIQUE",
                Map.of());
        TestGraphs.run(scratch, "UNWIND range(1, 25) AS i CREATE (:Movie:`__BackrouteImport` {`__backroute_id`: toString(i), id: i})", Map.of());

        DrillResult next = new BackupDrill(config, Map.of(), said::add, ProgressListener.NONE).drill(record, "20261206_023000", false);

        assertThat(next.passed()).as(describe(next)).isTrue();
        assertThat(next.checks()).contains(DrillCheck.same("nodes labelled Movie", 40, 40));
        assertThat(said).anyMatch(line -> line.startsWith("removed what the drill of neo4j started " + STAMP));
        assertScratchEmpty();
    }

    @Test
    void aScratchServerHoldingDataNoDrillPutThereIsRefusedAndLeftUntouched() throws Exception {
        TestGraphs.run(scratch, "CREATE (:Customer {name: 'Ada'})-[:BOUGHT]->(:Ticket {seat: 12})", Map.of());
        List<String> before = TestGraphs.graph(scratch);

        assertThatThrownBy(() -> drill(scratchDrill(""), STAMP, false)).isInstanceOf(ConfigException.class)
                .hasMessage("backup_types.neo4j.drill.uri: database neo4j on " + display(scratch) + " holds data no drill put there"
                        + " (2 nodes, 0 constraints and indexes); point drill.uri at an empty scratch server");
        assertThat(TestGraphs.graph(scratch)).isEqualTo(before);

        TestGraphs.clear(scratch);
        TestGraphs.run(scratch, "CREATE (:" + ScratchDatabase.MARKER + " {type: 'neo4j_archive', stamp: '" + STAMP + "'}), (:Movie)", Map.of());
        assertThatThrownBy(() -> drill(scratchDrill(""), STAMP, false)).isInstanceOf(ConfigException.class)
                .hasMessage("backup_types.neo4j.drill.uri: database neo4j on " + display(scratch) + " holds the scratch of a drill"
                        + " of type neo4j_archive; give each type a scratch server of its own");
        assertThat(TestGraphs.count(scratch, "MATCH (n) RETURN count(n)")).isEqualTo(2);

        TestGraphs.clear(scratch);
        TestGraphs.run(scratch, "CREATE (:" + ScratchDatabase.MARKER + " {type: 'neo4j', stamp: '" + STAMP + "', backup: 'b',"
                + " mac: '" + "0".repeat(64) + "'}), (:Customer {name: 'Ada'})", Map.of());
        List<String> forged = TestGraphs.graph(scratch);
        assertThatThrownBy(() -> drill(scratchDrill(""), STAMP, false)).isInstanceOf(ConfigException.class)
                .hasMessage("backup_types.neo4j.drill.uri: database neo4j on " + display(scratch) + " holds a drill marker that does"
                        + " not verify with this host's key (" + workDir(load(scratchDrill(""))).resolve(MarkerKey.FILE) + "), so no"
                        + " drill of neo4j here put it there; if it truly is a scratch server, empty it by hand (MATCH (n) DETACH"
                        + " DELETE n) and drill again");
        assertThat(TestGraphs.graph(scratch)).isEqualTo(forged);
    }

    /** The reviewer's case: drill.uri names the source by another host name, and the source holds a forged marker. */
    @Test
    void aDrillThroughAnotherNameOfTheSourceIsRefusedByStoreIdBeforeItTouchesItForgedMarkerOrNot() throws Exception {
        String alias = "bolt://localhost:" + source.boltURI().getPort();
        TestGraphs.run(source, "CREATE (:" + ScratchDatabase.MARKER + " {type: 'neo4j'})", Map.of());
        try {
            List<String> marked = TestGraphs.graph(source);

            Cli.Result drill = Cli.withConfig(writeConfig(source.boltURI().toString(), "\"drill\": { \"uri\": \"" + alias + "\" }"),
                    "drill", "--type", "neo4j");

            assertThat(drill.exitCode()).as(drill.all()).isEqualTo(2);
            assertThat(drill.err().strip()).isEqualTo("backroute: error: backup_types.neo4j.drill.uri: database neo4j on " + alias
                    + " is the type's source, database neo4j on " + display(source) + " (the same store id); point drill.uri at a"
                    + " scratch server of its own");
            assertThat(TestGraphs.graph(source)).isEqualTo(marked);
            assertThat(TestGraphs.schema(source)).isEqualTo(sourceSchema);
        } finally {
            TestGraphs.run(source, "MATCH (m:" + ScratchDatabase.MARKER + ") DELETE m", Map.of());
        }
        assertThat(TestGraphs.graph(source)).isEqualTo(sourceGraph);
    }

    @Test
    void anEmptySourceReachedThroughAnotherNameIsRefusedAndLeftEmpty() {
        String alias = "bolt://localhost:" + scratch.boltURI().getPort();
        BackupConfig config = BackupConfig.loadFromFile(writeConfig(scratch.boltURI().toString(), "\"drill\": { \"uri\": \"" + alias
                + "\" }"), Map.of());

        assertThatThrownBy(() -> new BackupDrill(config, Map.of(), said::add, ProgressListener.NONE).drill(latest(config), STAMP, false))
                .isInstanceOf(ConfigException.class)
                .hasMessage("backup_types.neo4j.drill.uri: database neo4j on " + alias + " is the type's source, database neo4j on "
                        + display(scratch) + " (the same store id); point drill.uri at a scratch server of its own");
        assertScratchEmpty();
    }

    @Test
    void whenTheSourceCannotBeReachedTheStoreIdTheBackupRecordedDecides() throws Exception {
        BackupConfig config = BackupConfig.loadFromFile(writeConfig("bolt://127.0.0.1:1", scratchDrill("")), Map.of());
        BackupRecord record = latest(config);
        assertThat(record.source()).containsEntry(SourceGuard.RECORDED_ID, TestGraphs.databaseId(source));
        BackupDrill drill = new BackupDrill(config, Map.of(), said::add, ProgressListener.NONE);

        Map<String, Object> scratchRecorded = new LinkedHashMap<>(record.source());
        scratchRecorded.put(SourceGuard.RECORDED_ID, TestGraphs.databaseId(scratch));
        assertThatThrownBy(() -> drill.drill(copy(record, record.artifact(), scratchRecorded), STAMP, false))
                .isInstanceOf(ConfigException.class)
                .hasMessage("backup_types.neo4j.drill.uri: database neo4j on " + display(scratch) + " is the database backup "
                        + record.id() + " was made from (the same store id); point drill.uri at a scratch server of its own");
        assertScratchEmpty();

        Map<String, Object> unrecorded = new LinkedHashMap<>(record.source());
        unrecorded.remove(SourceGuard.RECORDED_ID); // as in a backup made before it was recorded
        assertThatThrownBy(() -> drill.drill(copy(record, record.artifact(), unrecorded), STAMP, false))
                .isInstanceOf(IOException.class)
                .hasMessage("cannot tell database neo4j on " + display(scratch) + " from the source of neo4j: the source cannot be"
                        + " reached (cannot connect to Neo4j at bolt://127.0.0.1:1: connection refused; check"
                        + " backup_types.neo4j.source.uri and that the server is running) and backup " + record.id() + " recorded no"
                        + " database id; start the source so the drill can compare, or drill a backup made since");
        assertScratchEmpty();

        DrillResult result = drill.drill(record, STAMP, false);
        assertThat(result.passed()).as(describe(result)).isTrue();
        assertScratchEmpty();
    }

    @Test
    void aMarkerVerifiesOnlyUnderTheKeyThatMadeItAndInTheDatabaseItWasWrittenTo() throws Exception {
        Path work = dir.resolve("markers").resolve("neo4j");
        MarkerKey key = MarkerKey.in(work);
        MarkerKey.Marker marker = key.sign("neo4j", STAMP, "backup-1", "A1");

        assertThat(Files.getPosixFilePermissions(work)).isEqualTo(PosixFilePermissions.fromString("rwx------"));
        assertThat(Files.getPosixFilePermissions(work.resolve(MarkerKey.FILE))).isEqualTo(PosixFilePermissions.fromString("rw-------"));
        assertThat(MarkerKey.in(work).verifies(marker, "A1")).isTrue();
        assertThat(key.verifies(marker, "B2")).isFalse();
        assertThat(key.verifies(new MarkerKey.Marker("neo4j", "20261207_013000", "backup-1", marker.mac()), "A1")).isFalse();
        assertThat(key.verifies(new MarkerKey.Marker("neo4j", STAMP, "backup-1", null), "A1")).isFalse();
        assertThat(MarkerKey.in(dir.resolve("markers").resolve("other")).verifies(marker, "A1")).isFalse();
    }

    @Test
    void drillSettingsThatCannotWorkAreRefusedWithOneLine() throws Exception {
        String sameServer = "neo4j://" + source.boltURI().getHost() + ":" + source.boltURI().getPort();
        assertThatThrownBy(() -> load("\"drill\": { \"uri\": \"" + sameServer + "\", \"database\": \"NEO4J\" }"))
                .isInstanceOf(ConfigException.class)
                .hasMessage("backup_types.neo4j.drill.uri: names the type's own source (" + source.boltURI().getHost() + ":"
                        + source.boltURI().getPort() + ", database 'NEO4J'): a drill wipes and restores its scratch database, so point"
                        + " drill.uri at an empty scratch server");

        BackupConfig noUri = load("\"drill\": { \"assertions\": [" + MOVIES_LOADED.formatted(1) + "] }");
        BackupRecord record = latest(noUri);
        Drill drill = new Drill(noUri.type("neo4j"), record, STAMP, dir.resolve("work"), Map.of(), said::add);
        assertThatThrownBy(() -> new Neo4jKind().prepare(drill)).isInstanceOf(ConfigException.class)
                .hasMessage("backup_types.neo4j.drill.uri: required to drill a neo4j type: set it to an empty scratch Neo4j server"
                        + " (bolt://host:port), which each drill wipes and restores into (Community Edition has one user database,"
                        + " so the source's server has no room for one), or set backup_types.neo4j.drill.enabled to false to leave it"
                        + " out of the scheduled drill");

        BackupRecord dump = copy(record, record.artifact().replace(".jsonl", ".dump"), record.source());
        BackupConfig withUri = load(scratchDrill(""));
        assertThatThrownBy(() -> new Neo4jKind().prepare(new Drill(withUri.type("neo4j"), dump, STAMP, dir.resolve("work"), Map.of(),
                said::add))).isInstanceOf(ConfigException.class)
                .hasMessage("backup " + record.id() + " of type neo4j is a neo4j-admin dump, which loads only into a stopped database:"
                        + " it cannot be drilled into a running server; back the type up in source.mode logical, or set"
                        + " backup_types.neo4j.drill.enabled to false");

        BackupConfig down = load("\"drill\": { \"uri\": \"bolt://127.0.0.1:1\" }");
        assertThatThrownBy(() -> new Neo4jKind().prepare(new Drill(down.type("neo4j"), record, STAMP, dir.resolve("work"), Map.of(),
                said::add))).isInstanceOf(Neo4jUnavailableException.class)
                .hasMessage("cannot connect to Neo4j at bolt://127.0.0.1:1: connection refused; check backup_types.neo4j.drill.uri"
                        + " and that the server is running");
        assertThat(TestGraphs.count(scratch, "MATCH (n) RETURN count(n)")).isZero();
    }

    @Test
    void countsABackupDidNotRecordAreSaidAndOnesItRecordedBadlyFailByName() throws Exception {
        BackupConfig config = load(scratchDrill(""));
        BackupRecord record = latest(config);
        Map<String, Object> facts = new LinkedHashMap<>(record.source());
        facts.remove("label_counts"); // as in a backup made before they were recorded
        facts.remove("relationship_type_counts");
        facts.remove("indexes");
        facts.put("relationships", "many");

        DrillResult result = new BackupDrill(config, Map.of(), said::add, ProgressListener.NONE)
                .drill(copy(record, record.artifact(), facts), STAMP, false);

        assertThat(result.checks()).contains(DrillCheck.same("nodes", facts.get("nodes"), facts.get("nodes")),
                DrillCheck.passed("nodes per label", "not recorded by this backup; the totals are compared"),
                DrillCheck.passed("relationships per type", "not recorded by this backup; the totals are compared"),
                DrillCheck.failed("relationships", "a count", "the backup recorded 'many'"),
                DrillCheck.failed("indexes", "a count recorded by the backup", "not recorded by this backup"));
        assertThat(result.checks()).filteredOn(c -> !c.passed()).extracting(DrillCheck::name).containsExactly("relationships", "indexes");
        assertScratchEmpty();
    }

    /** The scratch database holds nothing: no node (the drill's marker included), no constraint, no index. */
    private static void assertScratchEmpty() {
        assertThat(TestGraphs.count(scratch, "MATCH (n) RETURN count(n)")).isZero();
        assertThat(TestGraphs.schema(scratch)).isEmpty();
    }

    private DrillResult drill(String drillBlock, String stamp, boolean keep) throws IOException {
        BackupConfig config = load(drillBlock);
        return new BackupDrill(config, Map.of(), said::add, ProgressListener.NONE).drill(latest(config), stamp, keep);
    }

    /** {@code record} as if its manifest named {@code artifact} and recorded {@code source}. */
    private static BackupRecord copy(BackupRecord record, String artifact, Map<String, Object> source) {
        return new BackupRecord(record.formatVersion(), record.id(), record.runId(), record.type(), true, null, record.startedAt(),
                record.finishedAt(), artifact, record.rawBytes(), record.storedBytes(), record.sha256(), record.contentSha256(),
                record.compression(), record.encryption(), record.storage(), source, record.host(), record.backrouteVersion(),
                record.validation());
    }

    /** The work folder {@link BackupDrill} gives a drill of the type, where its marker key is kept. */
    private static Path workDir(BackupConfig config) {
        return config.backupDir().resolve(".drill").resolve("neo4j");
    }

    private static BackupRecord latest(BackupConfig config) throws IOException {
        return new BackupCatalog(config, ManifestAuthority.of(config, Map.of())).backups("neo4j").get(0).record();
    }

    private static BackupConfig load(String drillBlock) {
        return BackupConfig.loadFromFile(writeConfig(drillBlock), Map.of());
    }

    /** {@code "drill": {...}} pointing at the scratch harness, with {@code more} keys. */
    private static String scratchDrill(String more) {
        return "\"drill\": { \"uri\": \"" + scratch.boltURI() + "\"" + more + " }";
    }

    private static Path writeConfig(String drillBlock) {
        return writeConfig(source.boltURI().toString(), drillBlock);
    }

    private static Path writeConfig(String sourceUri, String drillBlock) {
        Path config = dir.resolve("backup_config.json");
        try {
            Files.writeString(config, """
                    { "backup_types": { "neo4j": { "compression": "zstd", "storage": ["local"],
                        "source": { "uri": "%s", "database": "neo4j" }, %s } } }
                    """.formatted(sourceUri, drillBlock));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return config;
    }

    private static String display(Neo4j server) {
        return "bolt://" + server.boltURI().getHost() + ":" + server.boltURI().getPort();
    }

    private static String describe(DrillResult result) {
        return String.join("\n", result.checks().stream().map(DrillCheck::describe).toList());
    }
}
