package dev.backroute.milvus;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.backroute.milvus.fake.MilvusProtocolFake;
import io.milvus.grpc.CollectionSchema;
import io.milvus.grpc.FieldSchema;
import io.milvus.grpc.IndexDescription;
import io.milvus.v2.client.MilvusClientV2;
import io.milvus.v2.common.DataType;
import io.milvus.v2.service.collection.request.CreateCollectionReq;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Export and restore through milvus-sdk-java against the Milvus protocol fake — not a real Milvus: the fake
 * speaks the real gRPC protocol on 127.0.0.1 but stores collections in memory and evaluates only the filters
 * the SDK's query iterator sends.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MilvusBackupAgainstProtocolFakeTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration CONNECT = Duration.ofSeconds(2);
    private static final Duration RPC = Duration.ofSeconds(20);
    /** RPCs the protocol fake implements; any other one the client calls would be a gap in the fake. */
    private static final Set<String> IMPLEMENTED = Set.of("Connect", "ListDatabases", "GetVersion", "AllocTimestamp",
            "ShowCollections", "HasCollection", "CreateCollection", "DropCollection", "DescribeCollection",
            "GetCollectionStatistics", "ShowPartitions", "CreatePartition", "CreateIndex", "DescribeIndex",
            "LoadCollection", "ReleaseCollection", "GetLoadState", "GetLoadingProgress", "Flush", "GetFlushState",
            "Insert", "Query");

    private MilvusProtocolFake source;
    private byte[] export;
    private Map<String, Object> facts;

    @BeforeAll
    void seedAndExport() throws Exception {
        source = MilvusProtocolFake.start();
        MilvusTestData.seed(source.uri());
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        facts = exporter(MilvusTestData.source(source.uri(), List.of())).export(out);
        export = out.toByteArray();
    }

    @AfterAll
    void stop() throws Exception {
        source.close();
    }

    private static MilvusExporter exporter(dev.backroute.milvus.MilvusSource s) {
        return new MilvusExporter(s, Map.of()).timeouts(CONNECT, RPC);
    }

    private static MilvusRestorer restorer() {
        return new MilvusRestorer(null, Map.of()).timeouts(CONNECT, RPC);
    }

    @Test
    void exportAndRestoreRoundTripAgainstMilvusProtocolFake() throws Exception {
        assertThat(facts).containsEntry("kind", "milvus").containsEntry("uri", source.uri()).containsEntry("database", "default")
                .containsEntry("server_version", MilvusProtocolFake.SERVER_VERSION).containsEntry("format", MilvusExportFormat.FORMAT)
                .containsEntry("entities", (long) (3 * MilvusTestData.MOVIES_PER_PARTITION + MilvusTestData.USERS_COUNT + MilvusTestData.DOCS_COUNT));
        assertThat(facts.get("collections")).asList().containsExactly(
                Map.of("name", MilvusTestData.DOCS, "entities", (long) MilvusTestData.DOCS_COUNT),
                Map.of("name", MilvusTestData.MOVIES, "entities", 3L * MilvusTestData.MOVIES_PER_PARTITION),
                Map.of("name", MilvusTestData.USERS, "entities", (long) MilvusTestData.USERS_COUNT));
        // the data really has nulls, arrays and dynamic keys to carry over
        assertThat(source.collection(MilvusTestData.MOVIES).rows().values())
                .anyMatch(r -> r.get("tagline") == null).anyMatch(r -> r.get("tagline") != null)
                .anyMatch(r -> r.get("sequel_of") == null).anyMatch(r -> r.get("sequel_of") != null)
                .anyMatch(r -> ((List<?>) r.get("genres")).size() == 3).anyMatch(r -> ((List<?>) r.get("genres")).isEmpty())
                .anyMatch(r -> ((String) r.get("$meta")).contains("box_office"));
        // the exporter loaded the unloaded collection for the backup and released it again
        assertThat(source.collection(MilvusTestData.USERS).loaded()).isFalse();

        try (MilvusProtocolFake target = MilvusProtocolFake.start()) {
            Map<String, Object> result = restorer().restore(new ByteArrayInputStream(export), target.uri(), null, null, false);

            assertThat(result).containsEntry("entities", facts.get("entities"));
            assertThat(target.collectionNames()).containsExactlyInAnyOrder(MilvusTestData.MOVIES, MilvusTestData.USERS, MilvusTestData.DOCS);
            for (String name : target.collectionNames()) {
                assertSameCollection(source.collection(name), target.collection(name));
                assertThat(target.collection(name).loaded()).as(name + " loaded").isTrue();
            }
            // auto_id is kept, and the primary keys are the exported ones (checked entity by entity above)
            FieldSchema userPk = target.collection(MilvusTestData.USERS).schema().getFields(0);
            assertThat(userPk.getAutoID()).isTrue();
            assertThat(target.collection(MilvusTestData.USERS).properties()).containsEntry("allow_insert_auto_id", "true");
            assertThat(result.get("collections")).asList().anySatisfy(c ->
                    {
                        @SuppressWarnings("unchecked") Map<String, Object> m = (Map<String, Object>) c;
                        assertThat(m).containsEntry("restored_as", MilvusTestData.USERS).containsEntry("auto_id_kept", true);
                    });
            assertThat(target.calls()).allMatch(IMPLEMENTED::contains);
        }
        assertThat(source.calls()).allMatch(IMPLEMENTED::contains);
    }

    @Test
    void exportFormatHasOneRecordKindPerLineInOrder() throws Exception {
        List<String> lines = lines(export);
        JsonNode header = JSON.readTree(lines.get(0));
        assertThat(header.get("record").asText()).isEqualTo("header");
        assertThat(header.get("uri").asText()).isEqualTo(source.uri());
        JsonNode last = JSON.readTree(lines.get(lines.size() - 1));
        assertThat(last.get("record").asText()).isEqualTo("end");
        JsonNode movies = lines.stream().map(MilvusBackupAgainstProtocolFakeTest::tree)
                .filter(n -> n.get("record").asText().equals("collection") && n.get("name").asText().equals(MilvusTestData.MOVIES))
                .findFirst().orElseThrow();
        assertThat(movies.get("enable_dynamic_field").asBoolean()).isTrue();
        JsonNode embedding = movies.get("fields").get(8);
        assertThat(embedding.get("name").asText()).isEqualTo("embedding");
        assertThat(embedding.get("data_type").asText()).isEqualTo("FloatVector");
        assertThat(embedding.get("dim").asInt()).isEqualTo(16);
        assertThat(movies.get("fields").get(0).get("primary_key").asBoolean()).isTrue();
        assertThat(movies.get("fields").get(1).get("max_length").asInt()).isEqualTo(256);
        JsonNode docs = lines.stream().map(MilvusBackupAgainstProtocolFakeTest::tree)
                .filter(n -> n.get("record").asText().equals("collection") && n.get("name").asText().equals(MilvusTestData.DOCS))
                .findFirst().orElseThrow();
        assertThat(docs.get("num_partitions").asInt()).isEqualTo(4);
        assertThat(docs.get("fields").get(1).get("partition_key").asBoolean()).isTrue();
        JsonNode hnsw = lines.stream().map(MilvusBackupAgainstProtocolFakeTest::tree)
                .filter(n -> n.get("record").asText().equals("index") && n.get("index_name").asText().equals("embedding_hnsw"))
                .findFirst().orElseThrow();
        assertThat(hnsw.get("index_type").asText()).isEqualTo("HNSW");
        assertThat(hnsw.get("metric_type").asText()).isEqualTo("COSINE");
        assertThat(hnsw.get("params").get("M").asText()).isEqualTo("16");
        assertThat(lines).noneMatch(l -> l.contains("\n"));
    }

    @Test
    void exportWritesEachIteratorBatchAsItArrivesAndRestoreInsertsWhileReading() throws Exception {
        // export: entity lines reach the output stream long before the iterator's last Query
        List<Integer> queriesAtWrite = new ArrayList<>();
        java.io.OutputStream watching = new java.io.OutputStream() {
            @Override
            public void write(int b) {
                queriesAtWrite.add(queries(source));
            }

            @Override
            public void write(byte[] b, int off, int len) {
                queriesAtWrite.add(queries(source));
            }

            @Override
            public void close() {
                throw new AssertionError("the exporter must not close the caller's stream");
            }
        };
        int before = queries(source);
        exporter(MilvusTestData.source(source.uri(), List.of(MilvusTestData.MOVIES))).export(watching);
        int total = queries(source) - before;
        assertThat(total).isGreaterThan(10); // 10,500 entities in batches of 1000, three partitions
        assertThat(queriesAtWrite.stream().filter(q -> q - before < total / 2).count()).as("writes during the first half of the queries")
                .isGreaterThan(3);

        // restore: the first Insert arrives when only a small part of the stream has been read
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        exporter(MilvusTestData.source(source.uri(), List.of(MilvusTestData.MOVIES))).export(out);
        byte[] bytes = out.toByteArray();
        try (MilvusProtocolFake target = MilvusProtocolFake.start()) {
            long[] readAtFirstInsert = {-1};
            java.util.concurrent.atomic.AtomicLong read = new java.util.concurrent.atomic.AtomicLong();
            java.io.InputStream counting = new java.io.FilterInputStream(new ByteArrayInputStream(bytes)) {
                @Override
                public int read(byte[] b, int off, int len) throws IOException {
                    if (readAtFirstInsert[0] < 0 && target.calls().contains("Insert")) {
                        readAtFirstInsert[0] = read.get();
                    }
                    int n = super.read(b, off, Math.min(len, 8192));
                    read.addAndGet(Math.max(n, 0));
                    return n;
                }
            };
            restorer().restore(counting, target.uri(), null, null, false);
            assertThat(readAtFirstInsert[0]).isPositive().isLessThan(bytes.length / 4);
        }
    }

    private static int queries(MilvusProtocolFake fake) {
        return (int) fake.calls().stream().filter("Query"::equals).count();
    }

    @Test
    void restoreWithRenameSuffixIntoTheSameProtocolFake() throws Exception {
        Map<String, Object> result = restorer().restore(new ByteArrayInputStream(export), source.uri(), "_restored", null, false);
        try {
            assertThat(result.get("collections")).asList().hasSize(3);
            for (String name : List.of(MilvusTestData.MOVIES, MilvusTestData.USERS, MilvusTestData.DOCS)) {
                assertSameCollection(source.collection(name), source.collection(name + "_restored"));
            }
        } finally {
            drop(source.uri(), List.of(MilvusTestData.MOVIES + "_restored", MilvusTestData.USERS + "_restored", MilvusTestData.DOCS + "_restored"));
        }
    }

    @Test
    void restoreOneCollectionUnderANewNameAgainstMilvusProtocolFake() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        exporter(MilvusTestData.source(source.uri(), List.of(MilvusTestData.DOCS))).export(out);
        try (MilvusProtocolFake target = MilvusProtocolFake.start()) {
            restorer().restore(new ByteArrayInputStream(out.toByteArray()), target.uri(), null, "docs_copy", false);
            assertThat(target.collectionNames()).containsExactly("docs_copy");
            assertSameCollection(source.collection(MilvusTestData.DOCS), target.collection("docs_copy"));
        }
        assertThatThrownBy(() -> restorer().restore(new ByteArrayInputStream(export), source.uri(), null, "one_name", false))
                .isInstanceOf(IOException.class).hasMessageContaining("exactly one collection");
    }

    @Test
    void existingTargetCollectionIsRefusedWithoutOverwriteAndReplacedWithIt() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        exporter(MilvusTestData.source(source.uri(), List.of(MilvusTestData.USERS))).export(out);
        try (MilvusProtocolFake target = MilvusProtocolFake.start()) {
            MilvusClientV2 c = MilvusTestData.client(target.uri());
            try {
                c.createCollection(CreateCollectionReq.builder().collectionName(MilvusTestData.USERS).dimension(4).build());
            } finally {
                c.close();
            }
            CollectionSchema before = target.collection(MilvusTestData.USERS).schema();
            List<String> callsBefore = target.calls();

            assertThatThrownBy(() -> restorer().restore(new ByteArrayInputStream(out.toByteArray()), target.uri(), null, null, false))
                    .isInstanceOf(MilvusTargetExistsException.class)
                    .hasMessageContaining(MilvusTestData.USERS).hasMessageContaining("--overwrite")
                    .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
            assertThat(target.collection(MilvusTestData.USERS).schema()).isEqualTo(before);
            assertThat(target.calls().subList(callsBefore.size(), target.calls().size()))
                    .doesNotContain("DropCollection", "CreateCollection", "Insert", "CreateIndex", "CreatePartition");

            restorer().restore(new ByteArrayInputStream(out.toByteArray()), target.uri(), null, null, true);
            assertSameCollection(source.collection(MilvusTestData.USERS), target.collection(MilvusTestData.USERS));
        }
    }

    @Test
    void autoIdKeysAreKeptOnAMilvusOlderThan263ByRecreatingWithoutAutoIdAgainstMilvusProtocolFake() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        exporter(MilvusTestData.source(source.uri(), List.of(MilvusTestData.USERS))).export(out);
        try (MilvusProtocolFake old = MilvusProtocolFake.startAsVersion("v2.5.14")) {
            Map<String, Object> result = restorer().restore(new ByteArrayInputStream(out.toByteArray()), old.uri(), null, null, false);
            assertThat(result.get("collections")).asList().singleElement().satisfies(c -> {
                @SuppressWarnings("unchecked") Map<String, Object> m = (Map<String, Object>) c;
                assertThat(m).containsEntry("auto_id_kept", false).containsEntry("entities", (long) MilvusTestData.USERS_COUNT);
            });
            MilvusProtocolFake.StoredCollection restored = old.collection(MilvusTestData.USERS);
            assertThat(restored.schema().getFields(0).getAutoID()).isFalse();
            assertThat(restored.properties()).doesNotContainKey("allow_insert_auto_id");
            assertThat(restored.rows()).isEqualTo(source.collection(MilvusTestData.USERS).rows());
        }
    }

    @Test
    void unreachableServerFailsFastWithAOneLineMessage() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        String uri = "http://127.0.0.1:" + port;
        long t0 = System.nanoTime();
        assertThatThrownBy(() -> exporter(MilvusTestData.source(uri, List.of())).export(new ByteArrayOutputStream()))
                .isInstanceOf(MilvusUnavailableException.class)
                .hasMessageStartingWith("cannot reach Milvus at " + uri)
                .hasMessageContaining("check that Milvus is running")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
        assertThatThrownBy(() -> restorer().restore(new ByteArrayInputStream(export), uri, null, null, false))
                .isInstanceOf(MilvusUnavailableException.class).hasMessageStartingWith("cannot reach Milvus at " + uri);
        assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofSeconds(10));
    }

    @Test
    void wrongTokenIsRejectedWithAClearMessageThatDoesNotHoldTheToken() throws Exception {
        try (MilvusProtocolFake secured = MilvusProtocolFake.startWithToken("root:Right-Token-123")) {
            String wrong = "root:Wrong-Token-456";
            assertThatThrownBy(() -> new MilvusExporter(MilvusTestData.source(secured.uri(), "MILVUS_TOKEN", List.of()),
                    Map.of("MILVUS_TOKEN", wrong)).timeouts(CONNECT, RPC).export(new ByteArrayOutputStream()))
                    .isInstanceOf(MilvusUnavailableException.class)
                    .hasMessageContaining("Milvus at " + secured.uri() + " rejected the credentials")
                    .hasMessageContaining("token_env")
                    .satisfies(e -> assertThat(e.getMessage()).doesNotContain(wrong).doesNotContain("Wrong-Token").doesNotContain("\n"));

            Map<String, String> rightEnv = Map.of("MILVUS_TOKEN", "root:Right-Token-123");
            dev.backroute.milvus.MilvusSource securedSource = MilvusTestData.source(secured.uri(), "MILVUS_TOKEN", List.of());
            // the restorer takes its token from the config's milvus source block
            ByteArrayOutputStream users = new ByteArrayOutputStream();
            exporter(MilvusTestData.source(source.uri(), List.of(MilvusTestData.USERS))).export(users);
            assertThatThrownBy(() -> new MilvusRestorer(securedSource, Map.of("MILVUS_TOKEN", wrong)).timeouts(CONNECT, RPC)
                    .restore(new ByteArrayInputStream(users.toByteArray()), secured.uri(), null, null, false))
                    .isInstanceOf(MilvusUnavailableException.class).hasMessageContaining("rejected the credentials")
                    .satisfies(e -> assertThat(e.getMessage()).doesNotContain("Wrong-Token"));
            new MilvusRestorer(securedSource, rightEnv).timeouts(CONNECT, RPC)
                    .restore(new ByteArrayInputStream(users.toByteArray()), secured.uri(), null, null, false);

            Map<String, Object> ok = new MilvusExporter(securedSource, rightEnv).timeouts(CONNECT, RPC).export(new ByteArrayOutputStream());
            assertThat(ok).containsEntry("entities", (long) MilvusTestData.USERS_COUNT);
        }
    }

    @Test
    void emptyCollectionRoundTripAgainstMilvusProtocolFake() throws Exception {
        try (MilvusProtocolFake fake = MilvusProtocolFake.start(); MilvusProtocolFake target = MilvusProtocolFake.start()) {
            MilvusClientV2 c = MilvusTestData.client(fake.uri());
            try {
                c.createCollection(CreateCollectionReq.builder().collectionName("empty").dimension(8).build()); // quick setup: indexed and loaded
            } finally {
                c.close();
            }
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            Map<String, Object> f = exporter(MilvusTestData.source(fake.uri(), List.of())).export(out);
            assertThat(f).containsEntry("entities", 0L);
            assertThat(MilvusExportFormat.verify(new ByteArrayInputStream(out.toByteArray()))).contains("1 collection, 0 entities");
            restorer().restore(new ByteArrayInputStream(out.toByteArray()), target.uri(), null, null, false);
            assertSameCollection(fake.collection("empty"), target.collection("empty"));
            assertThat(target.collection("empty").loaded()).isTrue();
        }
    }

    @Test
    void missingCollectionIsNamedInTheError() {
        assertThatThrownBy(() -> exporter(MilvusTestData.source(source.uri(), List.of("no_such_collection"))).export(new ByteArrayOutputStream()))
                .isInstanceOf(MilvusUnavailableException.class)
                .hasMessage("Milvus at " + source.uri() + ": collection no_such_collection does not exist in database default; "
                        + "fix the collections list or create it");
    }

    @Test
    void binaryFloat16BFloat16Int8AndSparseVectorsRoundTripAgainstMilvusProtocolFake() throws Exception {
        try (MilvusProtocolFake fake = MilvusProtocolFake.start(); MilvusProtocolFake target = MilvusProtocolFake.start()) {
            MilvusClientV2 c = MilvusTestData.client(fake.uri());
            try {
                c.createCollection(CreateCollectionReq.builder().collectionName("fingerprints").collectionSchema(
                        CreateCollectionReq.CollectionSchema.builder().fieldSchemaList(new ArrayList<>(List.of(
                                CreateCollectionReq.FieldSchema.builder().name("id").dataType(DataType.Int64).isPrimaryKey(true).build(),
                                CreateCollectionReq.FieldSchema.builder().name("bits").dataType(DataType.BinaryVector).dimension(64).build(),
                                CreateCollectionReq.FieldSchema.builder().name("half").dataType(DataType.Float16Vector).dimension(8).build(),
                                CreateCollectionReq.FieldSchema.builder().name("brain").dataType(DataType.BFloat16Vector).dimension(8).build(),
                                CreateCollectionReq.FieldSchema.builder().name("small").dataType(DataType.Int8Vector).dimension(8).build(),
                                CreateCollectionReq.FieldSchema.builder().name("terms").dataType(DataType.SparseFloatVector).build())))
                                .build()).build());
                c.createIndex(io.milvus.v2.service.index.request.CreateIndexReq.builder().collectionName("fingerprints").indexParams(List.of(
                        io.milvus.v2.common.IndexParam.builder().fieldName("bits").indexType(io.milvus.v2.common.IndexParam.IndexType.BIN_FLAT)
                                .metricType(io.milvus.v2.common.IndexParam.MetricType.HAMMING).build(),
                        io.milvus.v2.common.IndexParam.builder().fieldName("terms").indexType(io.milvus.v2.common.IndexParam.IndexType.SPARSE_INVERTED_INDEX)
                                .metricType(io.milvus.v2.common.IndexParam.MetricType.IP).build())).build());
                java.util.Random rnd = new java.util.Random(11);
                List<com.google.gson.JsonObject> rows = new ArrayList<>();
                for (int i = 0; i < 1_234; i++) {
                    com.google.gson.JsonObject row = new com.google.gson.JsonObject();
                    row.addProperty("id", i);
                    row.add("bits", bytes(rnd, 8));
                    row.add("half", bytes(rnd, 16));
                    row.add("brain", bytes(rnd, 16));
                    row.add("small", bytes(rnd, 8));
                    com.google.gson.JsonObject sparse = new com.google.gson.JsonObject();
                    for (int k = 0; k < 1 + i % 5; k++) {
                        sparse.addProperty(Integer.toString(rnd.nextInt(100_000)), rnd.nextFloat());
                    }
                    row.add("terms", sparse);
                    rows.add(row);
                }
                c.insert(io.milvus.v2.service.vector.request.InsertReq.builder().collectionName("fingerprints").data(rows).build());
            } finally {
                c.close();
            }
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            assertThat(exporter(MilvusTestData.source(fake.uri(), List.of())).export(out)).containsEntry("entities", 1_234L);
            assertThat(MilvusExportFormat.verify(new ByteArrayInputStream(out.toByteArray()))).contains("1 collection, 1234 entities");
            restorer().restore(new ByteArrayInputStream(out.toByteArray()), target.uri(), null, null, false);
            // stored vectors are compared as the exact bytes the server keeps
            assertSameCollection(fake.collection("fingerprints"), target.collection("fingerprints"));
        }
    }

    private static com.google.gson.JsonArray bytes(java.util.Random rnd, int n) {
        byte[] b = new byte[n];
        rnd.nextBytes(b);
        com.google.gson.JsonArray a = new com.google.gson.JsonArray();
        for (byte x : b) {
            a.add(x);
        }
        return a;
    }

    @Test
    void unsupportedFieldTypeFailsNamingTheFieldAndType() throws Exception {
        try (MilvusProtocolFake fake = MilvusProtocolFake.start()) {
            MilvusClientV2 c = MilvusTestData.client(fake.uri());
            try {
                c.createCollection(CreateCollectionReq.builder().collectionName("places").collectionSchema(
                        CreateCollectionReq.CollectionSchema.builder().fieldSchemaList(new ArrayList<>(List.of(
                                CreateCollectionReq.FieldSchema.builder().name("id").dataType(DataType.Int64).isPrimaryKey(true).build(),
                                CreateCollectionReq.FieldSchema.builder().name("v").dataType(DataType.FloatVector).dimension(4).build(),
                                CreateCollectionReq.FieldSchema.builder().name("where").dataType(DataType.Geometry).build())))
                                .build()).build());
            } finally {
                c.close();
            }
            assertThatThrownBy(() -> exporter(MilvusTestData.source(fake.uri(), List.of())).export(new ByteArrayOutputStream()))
                    .isInstanceOf(IOException.class)
                    .hasMessageContaining("collection places").hasMessageContaining("field where").hasMessageContaining("Geometry");
        }
    }

    @Test
    void verifyAcceptsARealExportAndRejectsTruncatedOrCorruptedOnes() throws Exception {
        String summary = MilvusExportFormat.verify(new ByteArrayInputStream(export));
        assertThat(summary).isEqualTo(MilvusExportFormat.FORMAT + ": 3 collections, " + facts.get("entities") + " entities, from Milvus "
                + MilvusProtocolFake.SERVER_VERSION);

        byte[] truncated = Arrays.copyOf(export, export.length / 2);
        assertThatThrownBy(() -> MilvusExportFormat.verify(new ByteArrayInputStream(truncated)))
                .isInstanceOf(IOException.class).hasMessageContaining("truncated");

        List<String> lines = lines(export);
        List<String> withoutEnd = lines.subList(0, lines.size() - 1);
        assertThatThrownBy(() -> MilvusExportFormat.verify(stream(withoutEnd)))
                .isInstanceOf(IOException.class).hasMessageContaining("truncated");

        List<String> corrupted = new ArrayList<>(lines);
        corrupted.set(500, corrupted.get(500).replaceFirst("\\{", "{{"));
        assertThatThrownBy(() -> MilvusExportFormat.verify(stream(corrupted)))
                .isInstanceOf(IOException.class).hasMessageContaining("line 501").hasMessageContaining("not valid JSON");

        List<String> lostEntity = new ArrayList<>(lines);
        lostEntity.remove(500);
        assertThatThrownBy(() -> MilvusExportFormat.verify(stream(lostEntity)))
                .isInstanceOf(IOException.class).hasMessageContaining("trailer says");

        // a restore refuses a truncated stream too (after inserting what it read: the error says so)
        try (MilvusProtocolFake target = MilvusProtocolFake.start()) {
            assertThatThrownBy(() -> restorer().restore(stream(withoutEnd), target.uri(), null, null, false))
                    .isInstanceOf(IOException.class).hasMessageContaining("truncated");
        }
    }

    // ---------------------------------------------------------------------------------------------------------

    static void assertSameCollection(MilvusProtocolFake.StoredCollection expected, MilvusProtocolFake.StoredCollection actual)
            throws IOException {
        assertThat(actual).isNotNull();
        CollectionSchema es = expected.schema();
        CollectionSchema as = actual.schema();
        assertThat(as.getEnableDynamicField()).isEqualTo(es.getEnableDynamicField());
        assertThat(as.getDescription()).isEqualTo(es.getDescription());
        assertThat(as.getFieldsCount()).isEqualTo(es.getFieldsCount());
        for (int i = 0; i < es.getFieldsCount(); i++) {
            FieldSchema ef = es.getFields(i);
            FieldSchema af = as.getFields(i);
            assertThat(af.getName()).isEqualTo(ef.getName());
            assertThat(af.getDataType()).isEqualTo(ef.getDataType());
            assertThat(af.getIsPrimaryKey()).isEqualTo(ef.getIsPrimaryKey());
            assertThat(af.getAutoID()).as(ef.getName() + " auto_id").isEqualTo(ef.getAutoID());
            assertThat(af.getIsPartitionKey()).isEqualTo(ef.getIsPartitionKey());
            assertThat(af.getDescription()).isEqualTo(ef.getDescription());
            assertThat(new HashSet<>(af.getTypeParamsList())).as(ef.getName() + " type params").isEqualTo(new HashSet<>(ef.getTypeParamsList()));
        }
        assertThat(actual.partitions()).isEqualTo(expected.partitions());
        assertThat(actual.numPartitions()).isEqualTo(expected.numPartitions());
        assertThat(actual.indexes()).hasSameSizeAs(expected.indexes());
        for (int i = 0; i < expected.indexes().size(); i++) {
            IndexDescription ei = expected.indexes().get(i);
            IndexDescription ai = actual.indexes().get(i);
            assertThat(ai.getIndexName()).isEqualTo(ei.getIndexName());
            assertThat(ai.getFieldName()).isEqualTo(ei.getFieldName());
            assertThat(new HashSet<>(ai.getParamsList().stream().filter(p -> !p.getKey().equals("params")).toList()))
                    .isEqualTo(new HashSet<>(ei.getParamsList().stream().filter(p -> !p.getKey().equals("params")).toList()));
            assertThat(params(ai)).isEqualTo(params(ei));
        }
        Map<Object, Map<String, Object>> er = expected.rows();
        Map<Object, Map<String, Object>> ar = actual.rows();
        assertThat(ar.keySet()).containsExactlyElementsOf(er.keySet());
        for (Map.Entry<Object, Map<String, Object>> e : er.entrySet()) {
            Map<String, Object> a = ar.get(e.getKey());
            for (Map.Entry<String, Object> f : e.getValue().entrySet()) {
                FieldSchema schemaField = es.getFieldsList().stream().filter(x -> x.getName().equals(f.getKey())).findFirst().orElse(null);
                boolean json = schemaField == null || schemaField.getDataType() == io.milvus.grpc.DataType.JSON; // "$meta" or JSON
                if (json) {
                    assertThat(JSON.readTree((String) a.get(f.getKey()))).as(e.getKey() + "." + f.getKey())
                            .isEqualTo(JSON.readTree((String) f.getValue()));
                } else {
                    // Float/Double/List<Float> equals compare bit patterns: vectors must come back exactly
                    assertThat(a.get(f.getKey())).as(e.getKey() + "." + f.getKey()).isEqualTo(f.getValue());
                }
            }
            assertThat(a.keySet()).isEqualTo(e.getValue().keySet());
        }
        assertThat(actual.partitionOfRows()).isEqualTo(expected.partitionOfRows());
    }

    private static JsonNode params(IndexDescription d) throws IOException {
        for (io.milvus.grpc.KeyValuePair kv : d.getParamsList()) {
            if (kv.getKey().equals("params")) {
                return JSON.readTree(kv.getValue());
            }
        }
        return JSON.createObjectNode();
    }

    private static void drop(String uri, List<String> names) {
        MilvusClientV2 c = MilvusTestData.client(uri);
        try {
            names.forEach(n -> c.dropCollection(io.milvus.v2.service.collection.request.DropCollectionReq.builder().collectionName(n).build()));
        } finally {
            c.close();
        }
    }

    private static JsonNode tree(String line) {
        try {
            return JSON.readTree(line);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    private static List<String> lines(byte[] bytes) {
        return List.of(new String(bytes, StandardCharsets.UTF_8).split("\n"));
    }

    private static ByteArrayInputStream stream(List<String> lines) {
        return new ByteArrayInputStream((String.join("\n", lines) + "\n").getBytes(StandardCharsets.UTF_8));
    }
}
