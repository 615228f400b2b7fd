package dev.backroute.milvus;

import dev.backroute.catalog.BackupCatalog;
import dev.backroute.catalog.BackupRecord;
import dev.backroute.catalog.ManifestAuthority;
import dev.backroute.config.BackupConfig;
import dev.backroute.config.ConfigException;
import dev.backroute.drill.BackupDrill;
import dev.backroute.drill.DrillCheck;
import dev.backroute.drill.DrillResult;
import dev.backroute.milvus.fake.MilvusProtocolFake;
import dev.backroute.pipeline.ProgressListener;
import dev.backroute.testsupport.Cli;
import io.milvus.v2.client.MilvusClientV2;
import io.milvus.v2.common.DataType;
import io.milvus.v2.service.collection.request.CreateCollectionReq;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

/**
 * Recovery drills of the milvus kind against the Milvus protocol fake (not a real Milvus: its search is exact where a
 * real index is approximate; see its class comment): backups made through the CLI, drilled with {@link BackupDrill}.
 */
class MilvusDrillAgainstProtocolFakeTest {

    private static final String DOC_0 = "doc-0-ünï"; // the first document MilvusTestData seeds: a VarChar key to quote

    @TempDir
    Path dir;

    private final List<String> said = new ArrayList<>();

    @Test
    void drillRestoresIntoSuffixedCollectionsChecksCountsAndSearchesAndDropsThem() throws Exception {
        try (MilvusProtocolFake source = MilvusProtocolFake.start()) {
            MilvusTestData.seed(source.uri());
            Path config = config(source, """
                    { "assertions": [
                        { "name": "similar movies", "collection": "movie_embeddings", "vector_field": "embedding", "vector_of": 7,
                          "top_k": 10, "metric": "COSINE" },
                        { "name": "users near the origin", "collection": "user_vectors", "vector_field": "vec",
                          "vector": [0, 0, 0, 0, 0, 0, 0, 0], "top_k": 5 },
                        { "name": "docs like doc 0", "collection": "docs_by_lang", "vector_field": "v", "vector_of": "%s",
                          "top_k": 3, "metric": "IP" } ] }""".formatted(DOC_0), MilvusTestData.MOVIES, MilvusTestData.USERS, MilvusTestData.DOCS);
            BackupRecord record = backup(config, Map.of());

            List<Map<String, Object>> searches = searches(record);
            assertThat(searches).extracting(s -> s.get("name")).containsExactly("similar movies", "users near the origin", "docs like doc 0");
            assertThat(searches).allSatisfy(s -> assertThat(s).doesNotContainKey("error"));
            // movie 7's own vector is nearest to itself; the others answer as many ids as asked
            assertThat((List<?>) searches.get(0).get("ids")).hasSize(10).first().isEqualTo(7);
            assertThat((List<?>) searches.get(1).get("ids")).hasSize(5);
            assertThat((List<?>) searches.get(2).get("ids")).hasSize(3).allMatch(String.class::isInstance);
            assertThat((List<?>) searches.get(0).get("vector")).hasSize(16);
            Map<String, Map<Object, Map<String, Object>>> before = contents(source);

            DrillResult result = drill(config, Map.of(), record, "20261206_013000", false);

            assertThat(result.passed()).as(describe(result)).isTrue();
            assertThat(result.checks()).extracting(DrillCheck::name).containsExactly("restore", "entities " + MilvusTestData.MOVIES,
                    "entities " + MilvusTestData.USERS, "entities " + MilvusTestData.DOCS, "search similar movies",
                    "search users near the origin", "search docs like doc 0");
            assertThat(result.checks()).filteredOn(c -> c.name().equals("entities " + MilvusTestData.MOVIES)).singleElement()
                    .extracting(DrillCheck::expected, DrillCheck::actual).containsExactly("10500", "10500");
            assertThat(result.scratch()).contains(MilvusTestData.MOVIES + "_drill_20261206_013000").contains(source.uri());
            assertThat(source.collectionNames()).containsExactlyInAnyOrder(MilvusTestData.MOVIES, MilvusTestData.USERS, MilvusTestData.DOCS);
            assertThat(contents(source)).isEqualTo(before);
            assertThat(source.collection(MilvusTestData.USERS).loaded()).isFalse();
        }
    }

    @Test
    void drillOnAConfiguredScratchServerSendsTheSourceServerNothing() throws Exception {
        try (MilvusProtocolFake source = MilvusProtocolFake.start(); MilvusProtocolFake scratch = MilvusProtocolFake.startWithToken("scratch-secret")) {
            MilvusTestData.seed(source.uri());
            Map<String, String> env = Map.of("SCRATCH_TOKEN", "scratch-secret");
            Path config = config(source, """
                    { "uri": "%s", "token_env": "SCRATCH_TOKEN",
                      "assertions": [ { "name": "docs like doc 0", "collection": "docs_by_lang", "vector_field": "v",
                                        "vector_of": "%s", "top_k": 4, "metric": "IP" } ] }""".formatted(scratch.uri(), DOC_0),
                    MilvusTestData.USERS, MilvusTestData.DOCS);
            BackupRecord record = backup(config, env);
            List<String> sourceCalls = source.calls();

            DrillResult result = drill(config, env, record, "20261206_020000", false);

            assertThat(result.passed()).as(describe(result)).isTrue();
            assertThat(result.checks()).extracting(DrillCheck::name).contains("search docs like doc 0", "entities " + MilvusTestData.USERS);
            assertThat(result.scratch()).contains(scratch.uri()).doesNotContain("scratch-secret");
            assertThat(source.calls()).isEqualTo(sourceCalls);
            assertThat(scratch.calls()).contains("CreateCollection", "Insert", "Search", "DropCollection");
            assertThat(scratch.collectionNames()).isEmpty();
        }
    }

    @Test
    void keptAndAbandonedScratchCollectionsAreDroppedByTheNextDrillAndNothingElse() throws Exception {
        try (MilvusProtocolFake source = MilvusProtocolFake.start()) {
            MilvusTestData.seed(source.uri());
            Path config = config(source, "{}", MilvusTestData.USERS, MilvusTestData.DOCS);
            BackupRecord record = backup(config, Map.of());

            DrillResult kept = drill(config, Map.of(), record, "20261206_020000", true);
            assertThat(kept.passed()).as(describe(kept)).isTrue();
            assertThat(source.collectionNames()).contains(MilvusTestData.USERS + "_drill_20261206_020000", MilvusTestData.DOCS + "_drill_20261206_020000");
            String mark = markOf(source, MilvusTestData.USERS + "_drill_20261206_020000");
            assertThat(mark).isNotBlank().isEqualTo(markOf(source, MilvusTestData.DOCS + "_drill_20261206_020000"));
            // what a drill killed while restoring leaves (the restore marks a collection as it creates it), a collection
            // named like a drill's that no drill marked, and names that only look like a drill's
            createCollection(source, MilvusTestData.USERS + "_drill_20251101_053000", Map.of(MilvusRestorer.DRILL_MARK, mark));
            createCollection(source, MilvusTestData.USERS + "_drill_20251001_053000", Map.of());
            createCollection(source, "other_drill_20251101_053000", Map.of(MilvusRestorer.DRILL_MARK, mark));
            createCollection(source, MilvusTestData.USERS + "_drill_latest", Map.of(MilvusRestorer.DRILL_MARK, mark));
            said.clear();

            DrillResult next = drill(config, Map.of(), record, "20261206_030000", false);

            assertThat(next.passed()).as(describe(next)).isTrue();
            assertThat(source.collectionNames()).containsExactlyInAnyOrder(MilvusTestData.MOVIES, MilvusTestData.USERS, MilvusTestData.DOCS,
                    MilvusTestData.USERS + "_drill_20251001_053000", "other_drill_20251101_053000", MilvusTestData.USERS + "_drill_latest");
            assertThat(said).filteredOn(s -> s.startsWith("dropping collection ")).hasSize(3)
                    .anyMatch(s -> s.contains(MilvusTestData.USERS + "_drill_20251101_053000") && s.contains("left by an earlier drill of type milvus"));
            assertThat(said).contains("leaving collection " + MilvusTestData.USERS + "_drill_20251001_053000 on " + source.uri()
                    + ": named like a drill's copy but without the backroute.drill property backroute's drills set; drop it by hand"
                    + " if it is an old drill's leftover");
            assertThat(source.collection(MilvusTestData.USERS).size()).isEqualTo(MilvusTestData.USERS_COUNT);
        }
    }

    @Test
    void backupOfAllCollectionsLeavesOutDrillCopiesAndTheNextDrillDropsTheKeptOnes() throws Exception {
        try (MilvusProtocolFake source = MilvusProtocolFake.start()) {
            MilvusTestData.seed(source.uri());
            Path config = config(source, "{}");
            BackupRecord first = backup(config, Map.of());
            DrillResult kept = drill(config, Map.of(), first, "20261206_020000", true);
            assertThat(kept.passed()).as(describe(kept)).isTrue();
            // an operator's collection that only looks like a drill's copy: no collection of that base is backed up
            createCollection(source, "notes_drill_20250101_000000", Map.of());

            BackupRecord second = backupAgain(config, Map.of());

            assertThat(collectionsOf(second)).containsExactly(MilvusTestData.DOCS, MilvusTestData.MOVIES, MilvusTestData.USERS);
            said.clear();
            DrillResult next = drill(config, Map.of(), second, "20261206_030000", false);
            assertThat(next.passed()).as(describe(next)).isTrue();
            assertThat(said).filteredOn(s -> s.startsWith("dropping collection ")).hasSize(3);
            assertThat(source.collectionNames()).containsExactlyInAnyOrder(MilvusTestData.MOVIES, MilvusTestData.USERS, MilvusTestData.DOCS,
                    "notes_drill_20250101_000000");
        }
    }

    @Test
    void drillCopyListedByNameIsBackedUpAndKeptButDroppedOnceNoLongerListedAndRecoversUnmarked() throws Exception {
        try (MilvusProtocolFake source = MilvusProtocolFake.start(); MilvusProtocolFake target = MilvusProtocolFake.start()) {
            MilvusTestData.seed(source.uri());
            String copy = MilvusTestData.USERS + "_drill_20261206_020000";
            Path config = config(source, "{}", MilvusTestData.USERS);
            DrillResult kept = drill(config, Map.of(), backup(config, Map.of()), "20261206_020000", true);
            assertThat(kept.passed()).as(describe(kept)).isTrue();
            config(source, "{}", MilvusTestData.USERS, copy);
            BackupRecord holdingTheCopy = backupAgain(config, Map.of());
            assertThat(collectionsOf(holdingTheCopy)).containsExactly(MilvusTestData.USERS, copy);

            DrillResult listed = drill(config, Map.of(), holdingTheCopy, "20261206_030000", false);
            assertThat(listed.passed()).as(describe(listed)).isTrue();
            assertThat(source.collectionNames()).contains(copy).noneMatch(n -> n.endsWith("_drill_20261206_030000"));

            config(source, "{}");
            DrillResult unlisted = drill(config, Map.of(), holdingTheCopy, "20261206_040000", false);
            assertThat(unlisted.passed()).as(describe(unlisted)).isTrue();
            assertThat(said).contains("dropping collection " + copy + " on " + source.uri() + ", left by an earlier drill of type milvus");
            assertThat(source.collectionNames()).noneMatch(n -> n.contains("_drill_"));

            // the copy's mark is in the backup, but a recover does not bring it back: the next sweep must not take it
            Cli.Result recover = Cli.withConfig(config, "recover", "--backup-path", holdingTheCopy.id(), "--destination", target.uri(),
                    "--rename-suffix", "_restored");
            assertThat(recover.exitCode()).as(recover.all()).isZero();
            assertThat(target.collection(copy + "_restored").properties()).doesNotContainKey(MilvusRestorer.DRILL_MARK);
            assertThat(target.collection(copy + "_restored").size()).isEqualTo(MilvusTestData.USERS_COUNT);
        }
    }

    @Test
    void twoTypesDrillingTheSameCollectionOnTheSameServerLeaveEachOthersCopies() throws Exception {
        try (MilvusProtocolFake source = MilvusProtocolFake.start()) {
            MilvusTestData.seed(source.uri());
            Path config = dir.resolve("backup_config.json");
            Files.writeString(config, """
                    { "backup_types": {
                        "milvus": { "storage": ["local"], "source": { "uri": "%1$s", "collections": ["%2$s"] }, "drill": {} },
                        "vectors": { "kind": "milvus", "storage": ["local"], "source": { "uri": "%1$s", "collections": ["%2$s"] }, "drill": {} } } }
                    """.formatted(source.uri(), MilvusTestData.USERS));
            BackupRecord milvus = backup(config, Map.of());
            BackupRecord vectors = backup(config, Map.of(), "vectors");
            String othersCopy = MilvusTestData.USERS + "_drill_20261206_020000";
            assertThat(drill(config, Map.of(), vectors, "20261206_020000", true).passed()).isTrue();

            said.clear();
            DrillResult result = drill(config, Map.of(), milvus, "20261206_030000", false);

            assertThat(result.passed()).as(describe(result)).isTrue();
            assertThat(said).noneMatch(s -> s.contains(othersCopy));
            assertThat(source.collectionNames()).containsExactlyInAnyOrder(MilvusTestData.MOVIES, MilvusTestData.USERS, MilvusTestData.DOCS,
                    othersCopy);
            assertThat(drill(config, Map.of(), vectors, "20261206_040000", false).passed()).isTrue();
            assertThat(said).contains("dropping collection " + othersCopy + " on " + source.uri() + ", left by an earlier drill of type vectors");
            assertThat(source.collectionNames()).noneMatch(n -> n.contains("_drill_"));
        }
    }

    @Test
    void searchAnswerMustHoldTheRecordedKeysOneByOneWithTheirTypesNotJustReadTheSame() throws Exception {
        try (MilvusProtocolFake source = MilvusProtocolFake.start()) {
            MilvusTestData.seed(source.uri());
            Path config = config(source, """
                    { "assertions": [
                        { "name": "users near the origin", "collection": "user_vectors", "vector_field": "vec",
                          "vector": [0, 0, 0, 0, 0, 0, 0, 0], "top_k": 3 },
                        { "name": "docs like doc 0", "collection": "docs_by_lang", "vector_field": "v", "vector_of": "%s",
                          "top_k": 3, "metric": "IP" } ] }""".formatted(DOC_0), MilvusTestData.USERS, MilvusTestData.DOCS);
            BackupRecord record = backup(config, Map.of());
            List<Map<String, Object>> searches = new ArrayList<>();
            for (Map<String, Object> search : searches(record)) {
                List<?> ids = (List<?>) search.get("ids");
                Map<String, Object> doctored = new LinkedHashMap<>(search);
                // the user keys as strings; the three document keys as one key holding them all, comma-separated
                doctored.put("ids", ids.get(0) instanceof String ? List.of(ids.stream().map(String::valueOf).collect(Collectors.joining(", ")))
                        : ids.stream().map(String::valueOf).toList());
                searches.add(doctored);
            }

            DrillResult result = drill(config, Map.of(), withSearches(record, searches), "20261206_050000", false);

            assertThat(result.checks()).filteredOn(c -> c.name().startsWith("search ")).extracting(DrillCheck::name, DrillCheck::passed)
                    .containsExactly(tuple("search users near the origin", false), tuple("search docs like doc 0", false));
            List<?> userIds = (List<?>) searches(record).get(0).get("ids");
            assertThat(result.checks()).filteredOn(c -> c.name().equals("search users near the origin")).singleElement()
                    .extracting(DrillCheck::expected, DrillCheck::actual).containsExactly(
                            userIds.stream().map(id -> "\"" + id + "\"").collect(Collectors.joining(", ", "[", "]")),
                            userIds.stream().map(String::valueOf).collect(Collectors.joining(", ", "[", "]")));
            List<?> docIds = (List<?>) searches(record).get(1).get("ids");
            assertThat(result.checks()).filteredOn(c -> c.name().equals("search docs like doc 0")).singleElement()
                    .extracting(DrillCheck::expected, DrillCheck::actual).containsExactly(
                            docIds.stream().map(String::valueOf).collect(Collectors.joining(", ", "[\"", "\"]")),
                            docIds.stream().map(id -> "\"" + id + "\"").collect(Collectors.joining(", ", "[", "]")));
        }
    }

    @Test
    void restoreThatLostEntitiesFailsTheCountAndTheSearchByNameAndIsStillDropped() throws Exception {
        try (MilvusProtocolFake source = MilvusProtocolFake.start()) {
            MilvusTestData.seed(source.uri());
            Path config = config(source, """
                    { "assertions": [ { "name": "docs like doc 0", "collection": "docs_by_lang", "vector_field": "v",
                                        "vector_of": "%s", "top_k": 5, "metric": "IP" } ] }""".formatted(DOC_0),
                    MilvusTestData.USERS, MilvusTestData.DOCS);
            BackupRecord record = backup(config, Map.of());
            Object nearest = ((List<?>) searches(record).get(0).get("ids")).get(0);
            // the restore acknowledges every insert but the scratch copy keeps all documents except the nearest one
            source.loseInsertedRows((collection, key) -> collection.contains("_drill_") && key.equals(nearest));

            DrillResult result = drill(config, Map.of(), record, "20261206_040000", false);

            assertThat(result.passed()).isFalse();
            assertThat(result.checks()).filteredOn(c -> !c.passed()).extracting(DrillCheck::name)
                    .containsExactly("entities " + MilvusTestData.DOCS, "search docs like doc 0");
            assertThat(result.firstFailure().describe()).isEqualTo("entities docs_by_lang: expected 500, got 499");
            DrillCheck search = result.checks().get(result.checks().size() - 1);
            assertThat(search.expected()).startsWith("[\"" + nearest + "\", ");
            assertThat(search.actual()).doesNotContain(String.valueOf(nearest));
            assertThat(source.collectionNames()).noneMatch(n -> n.contains("_drill_"));
        }
    }

    @Test
    void searchThatFailedAtBackupTimeWarnsTheBackupAndFailsTheDrillWhileAnUnrecordedOneIsNotCompared() throws Exception {
        try (MilvusProtocolFake source = MilvusProtocolFake.start()) {
            MilvusTestData.seed(source.uri());
            String byInnerProduct = """
                    { "name": "users by inner product", "collection": "user_vectors", "vector_field": "vec",
                      "vector": [1, 0, 0, 0, 0, 0, 0, 0], "metric": "IP" }""";
            Path config = config(source, "{ \"assertions\": [" + byInnerProduct + "] }", MilvusTestData.USERS);
            Cli.Result backup = Cli.withConfig(config, "backup", "--type", "milvus");
            assertThat(backup.exitCode()).as(backup.all()).isZero();
            assertThat(backup.out() + backup.err()).contains("milvus: warning: drill search users by inner product failed on " + source.uri()
                    + ": Milvus at " + source.uri() + ", collection user_vectors: metric type not match: invalid parameter[expected=L2][actual=IP];"
                    + " a drill of this backup fails that check");
            BackupRecord record = latest(config, Map.of());
            // an assertion added after the backup was made
            config(source, "{ \"assertions\": [" + byInnerProduct + """
                    , { "name": "users near the origin", "collection": "user_vectors", "vector_field": "vec",
                        "vector": [0, 0, 0, 0, 0, 0, 0, 0] } ] }""", MilvusTestData.USERS);

            DrillResult result = drill(config, Map.of(), record, "20261206_050000", false);

            assertThat(result.passed()).isFalse();
            assertThat(result.firstFailure().name()).isEqualTo("search users by inner product");
            assertThat(result.firstFailure().actual()).startsWith("none: the search failed then: ").contains("metric type not match");
            assertThat(result.checks()).filteredOn(c -> c.name().equals("search users near the origin")).singleElement()
                    .satisfies(c -> assertThat(c.passed()).isTrue())
                    .satisfies(c -> assertThat(c.actual()).startsWith("not recorded by this backup"));
            assertThat(source.collectionNames()).noneMatch(n -> n.contains("_drill_"));
        }
    }

    @Test
    void badDrillKeysAreReportedOneLineEach() throws Exception {
        Path config = dir.resolve("backup_config.json");
        Files.writeString(config, """
                { "backup_types": { "milvus": { "storage": ["local"],
                    "source": { "uri": "http://127.0.0.1:19530", "collections": ["user_vectors", "docs_by_lang"] },
                    "drill": { "uri": "bolt://scratch:7687", "database": "",
                      "assertions": [
                        { "name": "a", "collection": "movie_embeddings", "vector_field": "vec", "top_k": 0, "metric": "L1" },
                        { "name": "a", "collection": "user_vectors", "vector_field": "vec", "vector": [1, "x"], "vector_of": 3 } ] } } } }
                """);

        assertThatThrownBy(() -> BackupConfig.loadFromFile(config, Map.of())).isInstanceOfSatisfying(ConfigException.class, e ->
                assertThat(e.problems()).extracting(ConfigException.Problem::line).containsExactly(
                        "backup_types.milvus.drill.uri: must be a URI with scheme http, https and a host, got 'bolt://scratch:7687'",
                        "backup_types.milvus.drill.database: must be a non-empty string, got \"\"",
                        "backup_types.milvus.drill.assertions[0]: a search assertion needs vector (the query vector) or vector_of"
                                + " (the primary key of an entity whose stored vector is the query)",
                        "backup_types.milvus.drill.assertions[0].collection: must be one of the source's collections"
                                + " (user_vectors, docs_by_lang), got 'movie_embeddings'",
                        "backup_types.milvus.drill.assertions[0].top_k: must be an integer from 1 to 16384, got 0",
                        "backup_types.milvus.drill.assertions[0].metric: must be one of 'L2', 'IP', 'COSINE', got 'L1'",
                        "backup_types.milvus.drill.assertions[1].name: 'a' names another search assertion too; give each its own name",
                        "backup_types.milvus.drill.assertions[1].vector[1]: must be a number, got \"x\"",
                        "backup_types.milvus.drill.assertions[1].vector_of: give vector or vector_of, not both"));
    }

    @Test
    void scratchTokenWithoutAScratchServerIsRefused() throws Exception {
        Path config = dir.resolve("backup_config.json");
        Files.writeString(config, """
                { "backup_types": { "milvus": { "storage": ["local"], "source": { "uri": "http://127.0.0.1:19530" },
                    "drill": { "token_env": "SCRATCH_TOKEN" } } } }
                """);

        assertThatThrownBy(() -> BackupConfig.loadFromFile(config, Map.of())).isInstanceOf(ConfigException.class)
                .hasMessage("backup_types.milvus.drill.token_env: applies only with drill.uri (a scratch server); on the source's"
                        + " server the drill uses the source's token");
    }

    /**
     * Writes the config of a milvus type backing up {@code collections} of {@code source} (none: all of them), with
     * {@code drill} as its drill block.
     */
    private Path config(MilvusProtocolFake source, String drill, String... collections) throws Exception {
        Path config = dir.resolve("backup_config.json");
        String listed = collections.length == 0 ? "" : ", \"collections\": ["
                + List.of(collections).stream().map(c -> "\"" + c + "\"").collect(Collectors.joining(", ")) + "]";
        Files.writeString(config, """
                { "backup_types": { "milvus": { "compression": "zstd", "storage": ["local"],
                    "source": { "uri": "%s"%s }, "drill": %s } } }
                """.formatted(source.uri(), listed, drill));
        return config;
    }

    private BackupRecord backup(Path config, Map<String, String> env) throws Exception {
        return backup(config, env, "milvus");
    }

    private BackupRecord backup(Path config, Map<String, String> env, String type) throws Exception {
        Cli.Result backup = Cli.withConfig(env, config, "backup", "--type", type, "--force");
        assertThat(backup.exitCode()).as(backup.all()).isZero();
        assertThat(backup.out() + backup.err()).doesNotContain("warning");
        return latest(config, env, type);
    }

    /** Another backup of the type: a second later, since a backup's id names its second. */
    private BackupRecord backupAgain(Path config, Map<String, String> env) throws Exception {
        Thread.sleep(1100);
        return backup(config, env);
    }

    private static BackupRecord latest(Path config, Map<String, String> env) throws Exception {
        return latest(config, env, "milvus");
    }

    private static BackupRecord latest(Path config, Map<String, String> env, String type) throws Exception {
        BackupConfig loaded = BackupConfig.loadFromFile(config, env);
        return new BackupCatalog(loaded, ManifestAuthority.of(loaded, env)).backups(type).get(0).record();
    }

    private static List<String> collectionsOf(BackupRecord record) {
        return ((List<?>) record.source().get("collections")).stream().map(c -> (String) ((Map<?, ?>) c).get("name")).toList();
    }

    /** {@code record} as if the backup had recorded {@code searches}: what its manifest says, not what it restores. */
    private static BackupRecord withSearches(BackupRecord record, List<Map<String, Object>> searches) {
        Map<String, Object> facts = new LinkedHashMap<>(record.source());
        facts.put("searches", searches);
        return new BackupRecord(record.formatVersion(), record.id(), record.runId(), record.type(), record.success(), record.error(),
                record.startedAt(), record.finishedAt(), record.artifact(), record.rawBytes(), record.storedBytes(), record.sha256(),
                record.contentSha256(), record.compression(), record.encryption(), record.storage(), facts, record.host(),
                record.backrouteVersion(), record.validation(), record.format(), record.snapshots());
    }

    private static String markOf(MilvusProtocolFake server, String collection) {
        return server.collection(collection).properties().get(MilvusRestorer.DRILL_MARK);
    }

    private DrillResult drill(Path config, Map<String, String> env, BackupRecord record, String stamp, boolean keep) throws Exception {
        return new BackupDrill(BackupConfig.loadFromFile(config, env), env, said::add, ProgressListener.NONE).drill(record, stamp, keep);
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> searches(BackupRecord record) {
        return (List<Map<String, Object>>) record.source().get("searches");
    }

    /** Every collection of the server with its rows, to compare before and after. */
    private static Map<String, Map<Object, Map<String, Object>>> contents(MilvusProtocolFake server) {
        Map<String, Map<Object, Map<String, Object>>> all = new LinkedHashMap<>();
        for (String name : Set.copyOf(server.collectionNames())) {
            all.put(name, server.collection(name).rows());
        }
        return all;
    }

    private static void createCollection(MilvusProtocolFake server, String name, Map<String, String> properties) {
        MilvusClientV2 client = MilvusTestData.client(server.uri());
        try {
            client.createCollection(CreateCollectionReq.builder().collectionName(name).properties(properties).collectionSchema(CreateCollectionReq.CollectionSchema.builder()
                    .fieldSchemaList(new ArrayList<>(List.of(
                            CreateCollectionReq.FieldSchema.builder().name("id").dataType(DataType.Int64).isPrimaryKey(true).build(),
                            CreateCollectionReq.FieldSchema.builder().name("v").dataType(DataType.FloatVector).dimension(2).build())))
                    .build()).build());
        } finally {
            client.close();
        }
    }

    private static String describe(DrillResult result) {
        return result.checks().stream().map(DrillCheck::describe).collect(Collectors.joining("; "));
    }
}
