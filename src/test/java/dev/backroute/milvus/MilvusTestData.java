package dev.backroute.milvus;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import dev.backroute.config.SecretRef;
import io.milvus.v2.client.ConnectConfig;
import io.milvus.v2.client.MilvusClientV2;
import io.milvus.v2.common.DataType;
import io.milvus.v2.common.IndexParam;
import io.milvus.v2.service.collection.request.CreateCollectionReq;
import io.milvus.v2.service.collection.request.LoadCollectionReq;
import io.milvus.v2.service.index.request.CreateIndexReq;
import io.milvus.v2.service.partition.request.CreatePartitionReq;
import io.milvus.v2.service.vector.request.InsertReq;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

/** Seeds a Milvus protocol fake through the SDK itself, the way an application would fill a real Milvus. */
final class MilvusTestData {

    static final String MOVIES = "movie_embeddings";
    static final String USERS = "user_vectors";
    static final String DOCS = "docs_by_lang";
    static final int MOVIES_PER_PARTITION = 3_500; // 3 partitions: 10,500 entities, the iterator pages 11 times
    static final int USERS_COUNT = 300;
    static final int DOCS_COUNT = 500;

    private MilvusTestData() {}

    static MilvusSource source(String uri, List<String> collections) {
        return new MilvusSource(uri, new SecretRef("backup_types.milvus.source.token", null, null), "default", collections);
    }

    static MilvusSource source(String uri, String tokenEnv, List<String> collections) {
        return new MilvusSource(uri, new SecretRef("backup_types.milvus.source.token", tokenEnv, null), "default", collections);
    }

    /** Generous deadlines: the fake answers at once, but a loaded 2-core machine may not schedule it soon. */
    static MilvusClientV2 client(String uri) {
        return new MilvusClientV2(ConnectConfig.builder().uri(uri).dbName("default").connectTimeoutMs(15_000).rpcDeadlineMs(30_000).build());
    }

    static void seed(String uri) {
        MilvusClientV2 c = client(uri);
        try {
            seedMovies(c);
            seedUsers(c);
            seedDocs(c);
        } finally {
            c.close();
        }
    }

    private static CreateCollectionReq.FieldSchema field(String name, DataType type) {
        return CreateCollectionReq.FieldSchema.builder().name(name).dataType(type).build();
    }

    /** Int64 key (auto_id=false), every scalar type, JSON, arrays, nullable fields, a 16-dim float vector, dynamic keys, extra partitions. */
    private static void seedMovies(MilvusClientV2 c) {
        List<CreateCollectionReq.FieldSchema> fields = List.of(
                CreateCollectionReq.FieldSchema.builder().name("id").dataType(DataType.Int64).isPrimaryKey(true).autoID(false).description("movie id").build(),
                CreateCollectionReq.FieldSchema.builder().name("title").dataType(DataType.VarChar).maxLength(256).build(),
                field("year", DataType.Int32),
                field("rating", DataType.Float),
                field("score", DataType.Double),
                field("popular", DataType.Bool),
                field("views", DataType.Int64),
                field("info", DataType.JSON),
                CreateCollectionReq.FieldSchema.builder().name("embedding").dataType(DataType.FloatVector).dimension(16).build(),
                CreateCollectionReq.FieldSchema.builder().name("genres").dataType(DataType.Array).elementType(DataType.VarChar)
                        .maxCapacity(8).maxLength(32).build(),
                CreateCollectionReq.FieldSchema.builder().name("ratings").dataType(DataType.Array).elementType(DataType.Float).maxCapacity(4).build(),
                CreateCollectionReq.FieldSchema.builder().name("tagline").dataType(DataType.VarChar).maxLength(128).isNullable(true).build(),
                CreateCollectionReq.FieldSchema.builder().name("sequel_of").dataType(DataType.Int64).isNullable(true).build());
        c.createCollection(CreateCollectionReq.builder().collectionName(MOVIES).description("movie embeddings")
                .collectionSchema(CreateCollectionReq.CollectionSchema.builder().enableDynamicField(true).fieldSchemaList(new ArrayList<>(fields)).build())
                .build());
        c.createPartition(CreatePartitionReq.builder().collectionName(MOVIES).partitionName("classics").build());
        c.createPartition(CreatePartitionReq.builder().collectionName(MOVIES).partitionName("recent").build());
        c.createIndex(CreateIndexReq.builder().collectionName(MOVIES).indexParams(List.of(
                IndexParam.builder().fieldName("embedding").indexName("embedding_hnsw").indexType(IndexParam.IndexType.HNSW)
                        .metricType(IndexParam.MetricType.COSINE).extraParams(Map.of("M", 16, "efConstruction", 200)).build(),
                IndexParam.builder().fieldName("year").indexName("year_sort").indexType(IndexParam.IndexType.STL_SORT).build())).build());
        Random rnd = new Random(42);
        long id = 1;
        for (String partition : List.of("_default", "classics", "recent")) {
            List<JsonObject> batch = new ArrayList<>();
            for (int i = 0; i < MOVIES_PER_PARTITION; i++) {
                JsonObject row = new JsonObject();
                row.addProperty("id", id * 7 + (id % 3 == 0 ? 1_000_000_000_000L : 0));
                row.addProperty("title", "Movie \"" + id + "\" – ünïcode ✓ " + partition);
                row.addProperty("year", 1900 + (int) (id % 125));
                row.addProperty("rating", rnd.nextFloat() * 10);
                row.addProperty("score", rnd.nextDouble() * 1e6 - 5e5);
                row.addProperty("popular", rnd.nextBoolean());
                row.addProperty("views", rnd.nextLong());
                JsonObject info = new JsonObject();
                info.addProperty("director", "D" + (id % 50));
                JsonArray cast = new JsonArray();
                cast.add("A" + id);
                cast.add(id % 11);
                info.add("cast", cast);
                info.addProperty("budget", id * 1.5);
                row.add("info", info);
                row.add("embedding", vector(rnd, 16));
                JsonArray genres = new JsonArray();
                for (int g = 0; g < id % 4; g++) {
                    genres.add("g" + ((id + g) % 9));
                }
                row.add("genres", genres);
                JsonArray ratings = new JsonArray();
                ratings.add(rnd.nextFloat());
                ratings.add((float) (rnd.nextGaussian() * 1e-7));
                row.add("ratings", ratings);
                if (id % 3 != 0) {
                    row.addProperty("tagline", "Tagline " + id);
                }
                if (id % 4 == 0) {
                    row.addProperty("sequel_of", id - 1);
                } else if (id % 4 == 1) {
                    row.add("sequel_of", com.google.gson.JsonNull.INSTANCE);
                }
                // dynamic keys, not on every row
                row.addProperty("genre", List.of("drama", "comedy", "sci-fi").get((int) (id % 3)));
                if (id % 2 == 0) {
                    row.addProperty("box_office", id * 1000);
                }
                if (id % 5 == 0) {
                    JsonObject extra = new JsonObject();
                    extra.addProperty("restored", false);
                    row.add("extra", extra);
                }
                batch.add(row);
                id++;
                if (batch.size() == 700) {
                    c.insert(InsertReq.builder().collectionName(MOVIES).partitionName(partition).data(batch).build());
                    batch = new ArrayList<>();
                }
            }
            if (!batch.isEmpty()) {
                c.insert(InsertReq.builder().collectionName(MOVIES).partitionName(partition).data(batch).build());
            }
        }
        c.loadCollection(LoadCollectionReq.builder().collectionName(MOVIES).build());
    }

    /** Int64 key with auto_id=true, an 8-dim float vector; left unloaded so the exporter must load it. */
    private static void seedUsers(MilvusClientV2 c) {
        List<CreateCollectionReq.FieldSchema> fields = List.of(
                CreateCollectionReq.FieldSchema.builder().name("user_id").dataType(DataType.Int64).isPrimaryKey(true).autoID(true).build(),
                CreateCollectionReq.FieldSchema.builder().name("name").dataType(DataType.VarChar).maxLength(64).build(),
                CreateCollectionReq.FieldSchema.builder().name("vec").dataType(DataType.FloatVector).dimension(8).build());
        c.createCollection(CreateCollectionReq.builder().collectionName(USERS)
                .collectionSchema(CreateCollectionReq.CollectionSchema.builder().enableDynamicField(false).fieldSchemaList(new ArrayList<>(fields)).build())
                .build());
        c.createIndex(CreateIndexReq.builder().collectionName(USERS).indexParams(List.of(
                IndexParam.builder().fieldName("vec").indexType(IndexParam.IndexType.IVF_FLAT).metricType(IndexParam.MetricType.L2)
                        .extraParams(Map.of("nlist", 128)).build())).build());
        Random rnd = new Random(7);
        List<JsonObject> rows = new ArrayList<>();
        for (int i = 0; i < USERS_COUNT; i++) {
            JsonObject row = new JsonObject();
            row.addProperty("name", "user-" + i);
            row.add("vec", vector(rnd, 8));
            rows.add(row);
        }
        c.insert(InsertReq.builder().collectionName(USERS).data(rows).build());
    }

    /** VarChar key, a partition key field (4 partitions), an 8-dim vector. */
    private static void seedDocs(MilvusClientV2 c) {
        List<CreateCollectionReq.FieldSchema> fields = List.of(
                CreateCollectionReq.FieldSchema.builder().name("doc_id").dataType(DataType.VarChar).maxLength(64).isPrimaryKey(true).build(),
                CreateCollectionReq.FieldSchema.builder().name("lang").dataType(DataType.VarChar).maxLength(8).isPartitionKey(true).build(),
                CreateCollectionReq.FieldSchema.builder().name("v").dataType(DataType.FloatVector).dimension(8).build());
        c.createCollection(CreateCollectionReq.builder().collectionName(DOCS).numPartitions(4)
                .collectionSchema(CreateCollectionReq.CollectionSchema.builder().enableDynamicField(false).fieldSchemaList(new ArrayList<>(fields)).build())
                .build());
        c.createIndex(CreateIndexReq.builder().collectionName(DOCS).indexParams(List.of(
                IndexParam.builder().fieldName("v").indexType(IndexParam.IndexType.FLAT).metricType(IndexParam.MetricType.IP).build())).build());
        Random rnd = new Random(3);
        List<JsonObject> rows = new ArrayList<>();
        for (int i = 0; i < DOCS_COUNT; i++) {
            JsonObject row = new JsonObject();
            row.addProperty("doc_id", "doc-" + Integer.toString(i * 37, 36) + (i % 4 == 0 ? "-ünï" : ""));
            row.addProperty("lang", List.of("en", "de", "fr", "ja", "pt").get(i % 5));
            row.add("v", vector(rnd, 8));
            rows.add(row);
        }
        c.insert(InsertReq.builder().collectionName(DOCS).data(rows).build());
        c.loadCollection(LoadCollectionReq.builder().collectionName(DOCS).build());
    }

    /** Floats spread over many magnitudes, including values whose decimal text is long, to catch precision loss. */
    static JsonArray vector(Random rnd, int dim) {
        JsonArray v = new JsonArray();
        for (int i = 0; i < dim; i++) {
            float f = switch (i % 4) {
                case 0 -> rnd.nextFloat() * 2 - 1;
                case 1 -> (float) (rnd.nextGaussian() * 1e-20);
                case 2 -> Float.intBitsToFloat(rnd.nextInt() & 0x3fffffff); // up to ~2.0, full mantissa
                default -> -rnd.nextFloat() * 1e10f;
            };
            v.add(f);
        }
        return v;
    }
}
