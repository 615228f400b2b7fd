package dev.backroute.milvus.fake;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import io.milvus.grpc.AllocTimestampRequest;
import io.milvus.grpc.AllocTimestampResponse;
import io.milvus.grpc.BoolArray;
import io.milvus.grpc.BoolResponse;
import io.milvus.grpc.CollectionSchema;
import io.milvus.grpc.ConnectRequest;
import io.milvus.grpc.ConnectResponse;
import io.milvus.grpc.ConsistencyLevel;
import io.milvus.grpc.CreateCollectionRequest;
import io.milvus.grpc.CreateIndexRequest;
import io.milvus.grpc.CreatePartitionRequest;
import io.milvus.grpc.DataType;
import io.milvus.grpc.DescribeCollectionRequest;
import io.milvus.grpc.DescribeCollectionResponse;
import io.milvus.grpc.DescribeIndexRequest;
import io.milvus.grpc.DescribeIndexResponse;
import io.milvus.grpc.DoubleArray;
import io.milvus.grpc.DropCollectionRequest;
import io.milvus.grpc.ErrorCode;
import io.milvus.grpc.FieldData;
import io.milvus.grpc.FieldSchema;
import io.milvus.grpc.FloatArray;
import io.milvus.grpc.FlushRequest;
import io.milvus.grpc.FlushResponse;
import io.milvus.grpc.GetCollectionStatisticsRequest;
import io.milvus.grpc.GetCollectionStatisticsResponse;
import io.milvus.grpc.GetFlushStateRequest;
import io.milvus.grpc.GetFlushStateResponse;
import io.milvus.grpc.GetLoadStateRequest;
import io.milvus.grpc.GetLoadStateResponse;
import io.milvus.grpc.GetLoadingProgressRequest;
import io.milvus.grpc.GetLoadingProgressResponse;
import io.milvus.grpc.GetVersionRequest;
import io.milvus.grpc.GetVersionResponse;
import io.milvus.grpc.HasCollectionRequest;
import io.milvus.grpc.IDs;
import io.milvus.grpc.IndexDescription;
import io.milvus.grpc.IndexState;
import io.milvus.grpc.InsertRequest;
import io.milvus.grpc.IntArray;
import io.milvus.grpc.JSONArray;
import io.milvus.grpc.KeyValuePair;
import io.milvus.grpc.ListDatabasesRequest;
import io.milvus.grpc.ListDatabasesResponse;
import io.milvus.grpc.LoadCollectionRequest;
import io.milvus.grpc.LoadState;
import io.milvus.grpc.LongArray;
import io.milvus.grpc.MilvusServiceGrpc;
import io.milvus.grpc.MutationResult;
import io.milvus.grpc.QueryRequest;
import io.milvus.grpc.QueryResults;
import io.milvus.grpc.PlaceholderGroup;
import io.milvus.grpc.PlaceholderType;
import io.milvus.grpc.PlaceholderValue;
import io.milvus.grpc.ScalarField;
import io.milvus.grpc.SearchRequest;
import io.milvus.grpc.SearchResultData;
import io.milvus.grpc.SearchResults;
import io.milvus.grpc.ServerInfo;
import io.milvus.grpc.ShowCollectionsRequest;
import io.milvus.grpc.ShowCollectionsResponse;
import io.milvus.grpc.ShowPartitionsRequest;
import io.milvus.grpc.ShowPartitionsResponse;
import io.milvus.grpc.Status;
import io.milvus.grpc.StringArray;
import io.milvus.grpc.VectorField;
import io.milvus.shaded.io.grpc.Metadata;
import io.milvus.shaded.io.grpc.Server;
import io.milvus.shaded.io.grpc.ServerCall;
import io.milvus.shaded.io.grpc.ServerCallHandler;
import io.milvus.shaded.io.grpc.ServerInterceptor;
import io.milvus.shaded.io.grpc.ServerInterceptors;
import io.milvus.shaded.io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.milvus.shaded.io.grpc.stub.StreamObserver;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BiPredicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Milvus protocol fake — not a real Milvus. An in-memory gRPC server on 127.0.0.1 (ephemeral port) built on the
 * SDK's own {@link MilvusServiceGrpc.MilvusServiceImplBase}, implementing only what milvus-sdk-java's
 * {@code MilvusClientV2} sends for a backup and a restore:
 * Connect, ListDatabases, GetVersion, ShowCollections, HasCollection, DescribeCollection,
 * GetCollectionStatistics, ShowPartitions, CreatePartition, DescribeIndex, CreateIndex, AllocTimestamp,
 * GetLoadState, GetLoadingProgress, LoadCollection, ReleaseCollection, Query, Search, Insert, Flush, GetFlushState,
 * CreateCollection, DropCollection. Any other RPC answers UNIMPLEMENTED and is recorded in {@link #calls()}.
 *
 * <p>Query evaluates only the filter forms the SDK's query iterator and a drill send ({@code ""}, {@code pk > N},
 * {@code pk > "s"}, {@code pk == N}, {@code pk == "s"}), returns rows ordered by primary key and honours limit/offset and
 * partition names; {@code count(*)} as the only output field answers the number of rows, as Milvus does.
 *
 * <p>Search is faithful in its request and answer: it reads the SDK's {@code SearchRequest} (placeholder group of
 * little-endian float vectors, {@code anns_field}, {@code topk}, {@code offset}, {@code metric_type} search params), refuses
 * an unloaded collection and a metric other than the field's index metric with Milvus's messages, and answers a
 * {@code SearchResultData} (ids, scores, topks per query) with Milvus's scores: squared L2 distance ascending, inner
 * product and cosine similarity descending. It is not faithful in what it finds: it is an exact brute-force search over
 * float vectors, ties broken by primary key, where a real index (HNSW, IVF) is approximate and breaks ties its own way;
 * filters, output fields, grouping and other vector types are refused.
 * Nullable fields, arrays of scalars and every vector type (float, binary, float16, bfloat16, int8, sparse) are
 * stored; default values are not applied; segments and consistency are not modelled.
 */
public final class MilvusProtocolFake implements AutoCloseable {

    public static final String SERVER_VERSION = "v2.6.4-protocol-fake";
    private static final String DYNAMIC = "$meta";
    private static final Pattern PK_FILTER = Pattern.compile("^\\s*(\\w+)\\s*(>|==)\\s*(\"((?:[^\"\\\\]|\\\\.)*)\"|-?\\d+)\\s*$");
    private static final String COUNT = "count(*)";

    private final String token;
    private final String version;
    private final Server server;
    private final Map<String, Coll> collections = new ConcurrentHashMap<>();
    private final List<String> calls = new CopyOnWriteArrayList<>();
    private final AtomicLong ids = new AtomicLong(1000);
    private final AtomicLong autoIds = new AtomicLong(450_000_000_000_000_000L);
    private final AtomicLong tso = new AtomicLong(460_000_000_000_000_000L);
    private volatile BiPredicate<String, Object> lost = (collection, key) -> false;

    /** A fake that requires no authentication. */
    public static MilvusProtocolFake start() throws IOException {
        return new MilvusProtocolFake(null, SERVER_VERSION);
    }

    /** A fake that answers GetVersion with {@code version} (to play an older Milvus). */
    public static MilvusProtocolFake startAsVersion(String version) throws IOException {
        return new MilvusProtocolFake(null, version);
    }

    /** A fake that rejects calls whose {@code authorization} metadata is not base64(token), as Milvus does with auth on. */
    public static MilvusProtocolFake startWithToken(String token) throws IOException {
        return new MilvusProtocolFake(token, SERVER_VERSION);
    }

    private MilvusProtocolFake(String token, String version) throws IOException {
        this.token = token;
        this.version = version;
        this.server = NettyServerBuilder.forAddress(new InetSocketAddress("127.0.0.1", 0))
                .maxInboundMessageSize(64 * 1024 * 1024)
                .addService(ServerInterceptors.intercept(new Service(), new Auth()))
                .build()
                .start();
    }

    public int port() {
        return server.getPort();
    }

    public String uri() {
        return "http://127.0.0.1:" + port();
    }

    /**
     * Fault injection, not Milvus behaviour: from now on, inserted rows for which {@code lost} holds (given the collection's
     * name and the row's primary key) are acknowledged but not stored, as a restore that silently lost entities would leave them.
     */
    public void loseInsertedRows(BiPredicate<String, Object> lost) {
        this.lost = lost;
    }

    /** The gRPC method names received so far, in order (for spotting RPCs the fake does not implement). */
    public List<String> calls() {
        return List.copyOf(calls);
    }

    public Set<String> collectionNames() {
        return Set.copyOf(collections.keySet());
    }

    /** Read-only view of a stored collection for assertions. */
    public StoredCollection collection(String name) {
        Coll c = collections.get(name);
        return c == null ? null : new StoredCollection(c);
    }

    @Override
    public void close() throws InterruptedException {
        server.shutdownNow();
        server.awaitTermination(5, TimeUnit.SECONDS);
    }

    /** What a test may look at: schema as DescribeCollection returns it, partitions, indexes, rows by primary key. */
    public static final class StoredCollection {
        private final Coll c;

        StoredCollection(Coll c) {
            this.c = c;
        }

        public CollectionSchema schema() {
            return c.schema;
        }

        public List<String> partitions() {
            synchronized (c) {
                return List.copyOf(c.partitions);
            }
        }

        public List<IndexDescription> indexes() {
            synchronized (c) {
                return List.copyOf(c.indexes.values());
            }
        }

        public Map<String, String> properties() {
            synchronized (c) {
                return Map.copyOf(c.properties);
            }
        }

        public boolean loaded() {
            return c.loaded;
        }

        public long numPartitions() {
            return c.numPartitions;
        }

        public int size() {
            synchronized (c) {
                return c.rows.size();
            }
        }

        /** field name (and "$meta" for the dynamic part, as JSON text) to value; "partition" key is not included. */
        public Map<Object, Map<String, Object>> rows() {
            synchronized (c) {
                Map<Object, Map<String, Object>> out = new LinkedHashMap<>();
                c.rows.forEach((k, r) -> out.put(k, Collections.unmodifiableMap(r.values)));
                return out;
            }
        }

        public Map<Object, String> partitionOfRows() {
            synchronized (c) {
                Map<Object, String> out = new LinkedHashMap<>();
                c.rows.forEach((k, r) -> out.put(k, r.partition));
                return out;
            }
        }
    }

    static final class Row {
        final String partition;
        final Map<String, Object> values;

        Row(String partition, Map<String, Object> values) {
            this.partition = partition;
            this.values = values;
        }
    }

    static final class Coll {
        final String name;
        final long id;
        final CollectionSchema schema;
        final int shards;
        final ConsistencyLevel consistency;
        final Map<String, String> properties = new LinkedHashMap<>();
        final List<String> partitions = new ArrayList<>();
        final Map<String, IndexDescription> indexes = new LinkedHashMap<>();
        final NavigableMap<Object, Row> rows = new TreeMap<>();
        final long numPartitions;
        volatile boolean loaded;

        Coll(String name, long id, CollectionSchema schema, int shards, ConsistencyLevel consistency, long numPartitions) {
            this.name = name;
            this.id = id;
            this.schema = schema;
            this.shards = shards;
            this.consistency = consistency;
            this.numPartitions = numPartitions;
        }

        FieldSchema pk() {
            return schema.getFieldsList().stream().filter(FieldSchema::getIsPrimaryKey).findFirst().orElseThrow();
        }

        FieldSchema partitionKey() {
            return schema.getFieldsList().stream().filter(FieldSchema::getIsPartitionKey).findFirst().orElse(null);
        }
    }

    private final class Auth implements ServerInterceptor {
        private final Metadata.Key<String> authorization = Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER);

        @Override
        public <Q, R> ServerCall.Listener<Q> interceptCall(ServerCall<Q, R> call, Metadata headers, ServerCallHandler<Q, R> next) {
            String method = call.getMethodDescriptor().getBareMethodName();
            calls.add(method);
            if (token != null) {
                String expected = Base64.getEncoder().encodeToString(token.getBytes(StandardCharsets.UTF_8));
                if (!expected.equals(headers.get(authorization))) {
                    // what Milvus's auth interceptor answers
                    call.close(io.milvus.shaded.io.grpc.Status.UNAUTHENTICATED.withDescription(
                            "auth check failure, please check username, password or token are correct"), new Metadata());
                    return new ServerCall.Listener<>() {};
                }
            }
            return next.startCall(call, headers);
        }
    }

    private static Status ok() {
        return Status.newBuilder().setErrorCode(ErrorCode.Success).setCode(0).build();
    }

    private static Status collectionNotFound(String name) {
        return Status.newBuilder().setErrorCode(ErrorCode.CollectionNotExists).setCode(100)
                .setReason("collection not found[collection=" + name + "]").build();
    }

    private static Status notLoaded(Coll c) {
        return Status.newBuilder().setErrorCode(ErrorCode.UnexpectedError).setCode(101).setReason("collection not loaded[collection=" + c.name + "]").build();
    }

    private static Status error(String reason) {
        return Status.newBuilder().setErrorCode(ErrorCode.IllegalArgument).setCode(1100).setReason(reason).build();
    }

    private static <T> void reply(StreamObserver<T> o, T value) {
        o.onNext(value);
        o.onCompleted();
    }

    private final class Service extends MilvusServiceGrpc.MilvusServiceImplBase {

        @Override
        public void connect(ConnectRequest request, StreamObserver<ConnectResponse> o) {
            reply(o, ConnectResponse.newBuilder().setStatus(ok()).setIdentifier(ids.incrementAndGet())
                    .setServerInfo(ServerInfo.newBuilder().setBuildTags(version).setDeployMode("STANDALONE")).build());
        }

        @Override
        public void listDatabases(ListDatabasesRequest request, StreamObserver<ListDatabasesResponse> o) {
            reply(o, ListDatabasesResponse.newBuilder().setStatus(ok()).addDbNames("default").build());
        }

        @Override
        public void getVersion(GetVersionRequest request, StreamObserver<GetVersionResponse> o) {
            reply(o, GetVersionResponse.newBuilder().setStatus(ok()).setVersion(version).build());
        }

        @Override
        public void allocTimestamp(AllocTimestampRequest request, StreamObserver<AllocTimestampResponse> o) {
            reply(o, AllocTimestampResponse.newBuilder().setStatus(ok()).setTimestamp(tso.incrementAndGet()).build());
        }

        @Override
        public void showCollections(ShowCollectionsRequest request, StreamObserver<ShowCollectionsResponse> o) {
            ShowCollectionsResponse.Builder b = ShowCollectionsResponse.newBuilder().setStatus(ok());
            new TreeMap<>(collections).values().forEach(c -> b.addCollectionNames(c.name).addCollectionIds(c.id));
            reply(o, b.build());
        }

        @Override
        public void hasCollection(HasCollectionRequest request, StreamObserver<BoolResponse> o) {
            reply(o, BoolResponse.newBuilder().setStatus(ok()).setValue(collections.containsKey(request.getCollectionName())).build());
        }

        @Override
        public void createCollection(CreateCollectionRequest request, StreamObserver<Status> o) {
            String name = request.getCollectionName();
            CollectionSchema schema;
            try {
                schema = CollectionSchema.parseFrom(request.getSchema());
            } catch (InvalidProtocolBufferException e) {
                reply(o, error("bad schema: " + e.getMessage()));
                return;
            }
            if (collections.containsKey(name)) {
                reply(o, error("collection already exists: " + name));
                return;
            }
            long fieldId = 100;
            CollectionSchema.Builder sb = schema.toBuilder().clearFields();
            boolean partitionKey = false;
            for (FieldSchema f : schema.getFieldsList()) {
                sb.addFields(f.toBuilder().setFieldID(fieldId++));
                partitionKey |= f.getIsPartitionKey();
            }
            long numPartitions = partitionKey ? (request.getNumPartitions() > 0 ? request.getNumPartitions() : 16) : 0;
            Coll c = new Coll(name, ids.incrementAndGet(), sb.build(), request.getShardsNum() > 0 ? request.getShardsNum() : 1,
                    request.getConsistencyLevel(), numPartitions);
            request.getPropertiesList().forEach(kv -> c.properties.put(kv.getKey(), kv.getValue()));
            if (partitionKey) {
                for (int i = 0; i < numPartitions; i++) {
                    c.partitions.add("_default_" + i);
                }
            } else {
                c.partitions.add("_default");
            }
            collections.put(name, c);
            reply(o, ok());
        }

        @Override
        public void dropCollection(DropCollectionRequest request, StreamObserver<Status> o) {
            collections.remove(request.getCollectionName());
            reply(o, ok());
        }

        @Override
        public void describeCollection(DescribeCollectionRequest request, StreamObserver<DescribeCollectionResponse> o) {
            Coll c = collections.get(request.getCollectionName());
            if (c == null) {
                reply(o, DescribeCollectionResponse.newBuilder().setStatus(collectionNotFound(request.getCollectionName())).build());
                return;
            }
            DescribeCollectionResponse.Builder b = DescribeCollectionResponse.newBuilder().setStatus(ok())
                    .setSchema(c.schema).setCollectionID(c.id).setCollectionName(c.name).setShardsNum(c.shards)
                    .setConsistencyLevel(c.consistency).setDbName("default").setNumPartitions(c.numPartitions)
                    .setCreatedTimestamp(tso.get()).setUpdateTimestamp(tso.get());
            synchronized (c) {
                c.properties.forEach((k, v) -> b.addProperties(KeyValuePair.newBuilder().setKey(k).setValue(v)));
            }
            reply(o, b.build());
        }

        @Override
        public void getCollectionStatistics(GetCollectionStatisticsRequest request, StreamObserver<GetCollectionStatisticsResponse> o) {
            Coll c = collections.get(request.getCollectionName());
            if (c == null) {
                reply(o, GetCollectionStatisticsResponse.newBuilder().setStatus(collectionNotFound(request.getCollectionName())).build());
                return;
            }
            int n;
            synchronized (c) {
                n = c.rows.size();
            }
            reply(o, GetCollectionStatisticsResponse.newBuilder().setStatus(ok())
                    .addStats(KeyValuePair.newBuilder().setKey("row_count").setValue(Integer.toString(n))).build());
        }

        @Override
        public void showPartitions(ShowPartitionsRequest request, StreamObserver<ShowPartitionsResponse> o) {
            Coll c = collections.get(request.getCollectionName());
            if (c == null) {
                reply(o, ShowPartitionsResponse.newBuilder().setStatus(collectionNotFound(request.getCollectionName())).build());
                return;
            }
            ShowPartitionsResponse.Builder b = ShowPartitionsResponse.newBuilder().setStatus(ok());
            synchronized (c) {
                for (int i = 0; i < c.partitions.size(); i++) {
                    b.addPartitionNames(c.partitions.get(i)).addPartitionIDs(c.id * 100 + i);
                }
            }
            reply(o, b.build());
        }

        @Override
        public void createPartition(CreatePartitionRequest request, StreamObserver<Status> o) {
            Coll c = collections.get(request.getCollectionName());
            if (c == null) {
                reply(o, collectionNotFound(request.getCollectionName()));
                return;
            }
            synchronized (c) {
                if (c.partitionKey() != null) {
                    reply(o, error("disable create partition if partition key mode is used"));
                    return;
                }
                if (!c.partitions.contains(request.getPartitionName())) {
                    c.partitions.add(request.getPartitionName());
                }
            }
            reply(o, ok());
        }

        @Override
        public void createIndex(CreateIndexRequest request, StreamObserver<Status> o) {
            Coll c = collections.get(request.getCollectionName());
            if (c == null) {
                reply(o, collectionNotFound(request.getCollectionName()));
                return;
            }
            String indexName = request.getIndexName().isEmpty() ? request.getFieldName() : request.getIndexName();
            // Milvus keeps index_type and metric_type as they are and folds the other keys into a "params" JSON object
            IndexDescription.Builder d = IndexDescription.newBuilder().setIndexName(indexName).setFieldName(request.getFieldName())
                    .setIndexID(ids.incrementAndGet()).setState(IndexState.Finished);
            StringBuilder params = new StringBuilder();
            for (KeyValuePair kv : request.getExtraParamsList()) {
                if (kv.getKey().equals("index_type") || kv.getKey().equals("metric_type")) {
                    d.addParams(kv);
                } else {
                    params.append(params.length() == 0 ? "" : ",").append(quote(kv.getKey())).append(':').append(quote(kv.getValue()));
                }
            }
            if (params.length() > 0) {
                d.addParams(KeyValuePair.newBuilder().setKey("params").setValue("{" + params + "}"));
            }
            synchronized (c) {
                c.indexes.put(indexName, d.build());
            }
            reply(o, ok());
        }

        @Override
        public void describeIndex(DescribeIndexRequest request, StreamObserver<DescribeIndexResponse> o) {
            Coll c = collections.get(request.getCollectionName());
            if (c == null) {
                reply(o, DescribeIndexResponse.newBuilder().setStatus(collectionNotFound(request.getCollectionName())).build());
                return;
            }
            DescribeIndexResponse.Builder b = DescribeIndexResponse.newBuilder();
            synchronized (c) {
                for (IndexDescription d : c.indexes.values()) {
                    if ((request.getIndexName().isEmpty() || request.getIndexName().equals(d.getIndexName()))
                            && (request.getFieldName().isEmpty() || request.getFieldName().equals(d.getFieldName()))) {
                        b.addIndexDescriptions(d.toBuilder().setTotalRows(c.rows.size()).setIndexedRows(c.rows.size()));
                    }
                }
            }
            if (b.getIndexDescriptionsCount() == 0) {
                b.setStatus(Status.newBuilder().setErrorCode(ErrorCode.IndexNotExist).setCode(700).setReason("index not found[collection=" + c.name + "]"));
            } else {
                b.setStatus(ok());
            }
            reply(o, b.build());
        }

        @Override
        public void loadCollection(LoadCollectionRequest request, StreamObserver<Status> o) {
            Coll c = collections.get(request.getCollectionName());
            if (c == null) {
                reply(o, collectionNotFound(request.getCollectionName()));
                return;
            }
            synchronized (c) {
                if (c.indexes.isEmpty()) {
                    reply(o, error("there is no vector index on field, please create index firstly: collection=" + c.name));
                    return;
                }
            }
            c.loaded = true;
            reply(o, ok());
        }

        @Override
        public void releaseCollection(io.milvus.grpc.ReleaseCollectionRequest request, StreamObserver<Status> o) {
            Coll c = collections.get(request.getCollectionName());
            if (c == null) {
                reply(o, collectionNotFound(request.getCollectionName()));
                return;
            }
            c.loaded = false;
            reply(o, ok());
        }

        @Override
        public void getLoadState(GetLoadStateRequest request, StreamObserver<GetLoadStateResponse> o) {
            Coll c = collections.get(request.getCollectionName());
            LoadState s = c == null ? LoadState.LoadStateNotExist : c.loaded ? LoadState.LoadStateLoaded : LoadState.LoadStateNotLoad;
            reply(o, GetLoadStateResponse.newBuilder().setStatus(ok()).setState(s).build());
        }

        @Override
        public void getLoadingProgress(GetLoadingProgressRequest request, StreamObserver<GetLoadingProgressResponse> o) {
            Coll c = collections.get(request.getCollectionName());
            if (c == null) {
                reply(o, GetLoadingProgressResponse.newBuilder().setStatus(collectionNotFound(request.getCollectionName())).build());
                return;
            }
            reply(o, GetLoadingProgressResponse.newBuilder().setStatus(ok()).setProgress(c.loaded ? 100 : 0)
                    .setRefreshProgress(c.loaded ? 100 : 0).build());
        }

        @Override
        public void flush(FlushRequest request, StreamObserver<FlushResponse> o) {
            FlushResponse.Builder b = FlushResponse.newBuilder().setStatus(ok()).setDbName("default");
            for (String name : request.getCollectionNamesList()) {
                Coll c = collections.get(name);
                if (c == null) {
                    reply(o, FlushResponse.newBuilder().setStatus(collectionNotFound(name)).build());
                    return;
                }
                b.putCollSegIDs(name, LongArray.newBuilder().addData(c.id * 10).build());
                b.putCollFlushTs(name, tso.incrementAndGet());
            }
            reply(o, b.build());
        }

        @Override
        public void getFlushState(GetFlushStateRequest request, StreamObserver<GetFlushStateResponse> o) {
            reply(o, GetFlushStateResponse.newBuilder().setStatus(ok()).setFlushed(true).build());
        }

        @Override
        public void insert(InsertRequest request, StreamObserver<MutationResult> o) {
            Coll c = collections.get(request.getCollectionName());
            if (c == null) {
                reply(o, MutationResult.newBuilder().setStatus(collectionNotFound(request.getCollectionName())).build());
                return;
            }
            try {
                reply(o, insertInto(c, request));
            } catch (IllegalArgumentException e) {
                reply(o, MutationResult.newBuilder().setStatus(error(e.getMessage())).build());
            }
        }

        @Override
        public void search(SearchRequest request, StreamObserver<SearchResults> o) {
            Coll c = collections.get(request.getCollectionName());
            if (c == null) {
                reply(o, SearchResults.newBuilder().setStatus(collectionNotFound(request.getCollectionName())).build());
                return;
            }
            if (!c.loaded) {
                reply(o, SearchResults.newBuilder().setStatus(notLoaded(c)).build());
                return;
            }
            try {
                reply(o, searchIn(c, request));
            } catch (IllegalArgumentException e) {
                reply(o, SearchResults.newBuilder().setStatus(error(e.getMessage())).build());
            }
        }

        @Override
        public void query(QueryRequest request, StreamObserver<QueryResults> o) {
            Coll c = collections.get(request.getCollectionName());
            if (c == null) {
                reply(o, QueryResults.newBuilder().setStatus(collectionNotFound(request.getCollectionName())).build());
                return;
            }
            if (!c.loaded) {
                reply(o, QueryResults.newBuilder().setStatus(notLoaded(c)).build());
                return;
            }
            try {
                reply(o, queryFrom(c, request));
            } catch (IllegalArgumentException e) {
                reply(o, QueryResults.newBuilder().setStatus(error(e.getMessage())).build());
            }
        }
    }

    private MutationResult insertInto(Coll c, InsertRequest request) {
        int n = request.getNumRows();
        FieldSchema pk = c.pk();
        Map<String, FieldData> columns = new LinkedHashMap<>();
        for (FieldData fd : request.getFieldsDataList()) {
            columns.put(fd.getIsDynamic() ? DYNAMIC : fd.getFieldName(), fd);
        }
        boolean pkGiven = columns.containsKey(pk.getName());
        if (pk.getAutoID() && pkGiven && !"true".equalsIgnoreCase(c.properties.get("allow_insert_auto_id"))) {
            throw new IllegalArgumentException("more fieldData has pass in: the primary key " + pk.getName() + " is auto generated");
        }
        if (!pkGiven && !pk.getAutoID()) {
            throw new IllegalArgumentException("fieldSchema(" + pk.getName() + ") has no corresponding fieldData pass in");
        }
        for (FieldSchema f : c.schema.getFieldsList()) {
            if (!f.getIsPrimaryKey() && !columns.containsKey(f.getName())) {
                throw new IllegalArgumentException("fieldSchema(" + f.getName() + ") has no corresponding fieldData pass in");
            }
        }
        if (c.schema.getEnableDynamicField() != columns.containsKey(DYNAMIC)) {
            throw new IllegalArgumentException("dynamic field data mismatch for collection " + c.name);
        }
        FieldSchema partitionKey = c.partitionKey();
        if (partitionKey != null && !request.getPartitionName().isEmpty()) {
            throw new IllegalArgumentException("not support manually specifying the partition names if partition key mode is used");
        }
        String partition = request.getPartitionName().isEmpty() ? "_default" : request.getPartitionName();
        IDs.Builder idsOut = IDs.newBuilder();
        LongArray.Builder longIds = LongArray.newBuilder();
        StringArray.Builder strIds = StringArray.newBuilder();
        synchronized (c) {
            if (partitionKey == null && !c.partitions.contains(partition)) {
                throw new IllegalArgumentException("partition not found[partition=" + partition + "]");
            }
            Map<String, List<Object>> data = new LinkedHashMap<>();
            for (FieldSchema f : c.schema.getFieldsList()) {
                FieldData fd = columns.get(f.getName());
                if (fd != null) {
                    data.put(f.getName(), values(f, fd, n));
                }
            }
            for (int i = 0; i < n; i++) {
                Map<String, Object> values = new LinkedHashMap<>();
                for (FieldSchema f : c.schema.getFieldsList()) {
                    List<Object> column = data.get(f.getName());
                    if (f.getIsPrimaryKey() && column == null) {
                        values.put(f.getName(), autoIds.incrementAndGet());
                    } else {
                        values.put(f.getName(), column.get(i));
                    }
                }
                if (c.schema.getEnableDynamicField()) {
                    values.put(DYNAMIC, columns.get(DYNAMIC).getScalars().getJsonData().getData(i).toStringUtf8());
                }
                Object key = values.get(pk.getName());
                String part = partitionKey == null ? partition
                        : c.partitions.get(Math.floorMod(String.valueOf(values.get(partitionKey.getName())).hashCode(), c.partitions.size()));
                if (!lost.test(c.name, key)) {
                    c.rows.put(key, new Row(part, values));
                }
                if (key instanceof Long l) {
                    longIds.addData(l);
                } else {
                    strIds.addData((String) key);
                }
            }
        }
        if (pk.getDataType() == DataType.VarChar) {
            idsOut.setStrId(strIds);
        } else {
            idsOut.setIntId(longIds);
        }
        return MutationResult.newBuilder().setStatus(ok()).setIDs(idsOut).setInsertCnt(n).setTimestamp(tso.incrementAndGet()).build();
    }

    /**
     * One value per row. The SDK sends nullable columns compacted (only the non-null values) with valid_data
     * telling which rows have one; they are expanded here, null where valid_data is false.
     */
    private static List<Object> values(FieldSchema f, FieldData fd, int n) {
        List<Object> all = new ArrayList<>();
        ScalarField s = fd.getScalars();
        switch (f.getDataType()) {
            case Bool -> all.addAll(s.getBoolData().getDataList());
            case Int8, Int16, Int32 -> all.addAll(s.getIntData().getDataList());
            case Int64 -> all.addAll(s.getLongData().getDataList());
            case Float -> all.addAll(s.getFloatData().getDataList());
            case Double -> all.addAll(s.getDoubleData().getDataList());
            case VarChar, String -> all.addAll(s.getStringData().getDataList());
            case JSON -> s.getJsonData().getDataList().forEach(b -> all.add(b.toStringUtf8()));
            case Array -> s.getArrayData().getDataList().forEach(e -> all.add(elements(f.getElementType(), e)));
            case FloatVector -> {
                int dim = (int) fd.getVectors().getDim();
                List<Float> flat = fd.getVectors().getFloatVector().getDataList();
                for (int i = 0; i + dim <= flat.size(); i += dim) {
                    all.add(List.copyOf(flat.subList(i, i + dim)));
                }
            }
            case BinaryVector, Float16Vector, BFloat16Vector, Int8Vector -> {
                VectorField v = fd.getVectors();
                ByteString bytes = switch (f.getDataType()) {
                    case BinaryVector -> v.getBinaryVector();
                    case Float16Vector -> v.getFloat16Vector();
                    case BFloat16Vector -> v.getBfloat16Vector();
                    default -> v.getInt8Vector();
                };
                int per = bytesPerVector(f.getDataType(), (int) v.getDim());
                for (int i = 0; i + per <= bytes.size(); i += per) {
                    all.add(bytes.substring(i, i + per));
                }
            }
            case SparseFloatVector -> all.addAll(fd.getVectors().getSparseFloatVector().getContentsList());
            default -> throw new IllegalArgumentException("the protocol fake does not store " + f.getDataType() + " fields (" + f.getName() + ")");
        }
        List<Boolean> valid = fd.getValidDataList();
        if (valid.isEmpty()) {
            if (all.size() != n) {
                throw new IllegalArgumentException("field " + f.getName() + " has " + all.size() + " values for " + n + " rows");
            }
            return all;
        }
        if (!f.getNullable() && f.getDefaultValue().getDataCase() == io.milvus.grpc.ValueField.DataCase.DATA_NOT_SET) {
            throw new IllegalArgumentException("field " + f.getName() + " is not nullable but valid_data was sent");
        }
        List<Object> out = new ArrayList<>(n);
        int next = 0;
        for (int i = 0; i < n; i++) {
            out.add(valid.get(i) ? all.get(next++) : null);
        }
        return out;
    }

    private static int bytesPerVector(DataType type, int dim) {
        return switch (type) {
            case BinaryVector -> dim / 8;
            case Float16Vector, BFloat16Vector -> dim * 2;
            default -> dim;
        };
    }

    private static List<Object> elements(DataType type, ScalarField e) {
        return switch (type) {
            case Bool -> new ArrayList<>(e.getBoolData().getDataList());
            case Int8, Int16, Int32 -> new ArrayList<>(e.getIntData().getDataList());
            case Int64 -> new ArrayList<>(e.getLongData().getDataList());
            case Float -> new ArrayList<>(e.getFloatData().getDataList());
            case Double -> new ArrayList<>(e.getDoubleData().getDataList());
            case VarChar, String -> new ArrayList<>(e.getStringData().getDataList());
            default -> throw new IllegalArgumentException("the protocol fake does not store arrays of " + type);
        };
    }

    @SuppressWarnings("unchecked")
    private static ScalarField elementField(DataType type, Object list) {
        List<Object> v = (List<Object>) list;
        ScalarField.Builder b = ScalarField.newBuilder();
        switch (type) {
            case Bool -> b.setBoolData(BoolArray.newBuilder().addAllData((List<Boolean>) (List<?>) v));
            case Int8, Int16, Int32 -> b.setIntData(IntArray.newBuilder().addAllData((List<Integer>) (List<?>) v));
            case Int64 -> b.setLongData(LongArray.newBuilder().addAllData((List<Long>) (List<?>) v));
            case Float -> b.setFloatData(FloatArray.newBuilder().addAllData((List<Float>) (List<?>) v));
            case Double -> b.setDoubleData(DoubleArray.newBuilder().addAllData((List<Double>) (List<?>) v));
            case VarChar, String -> b.setStringData(StringArray.newBuilder().addAllData((List<String>) (List<?>) v));
            default -> throw new IllegalArgumentException("the protocol fake does not return arrays of " + type);
        }
        return b.build();
    }

    private QueryResults queryFrom(Coll c, QueryRequest request) {
        Map<String, String> params = new LinkedHashMap<>();
        request.getQueryParamsList().forEach(kv -> params.put(kv.getKey(), kv.getValue()));
        long limit = params.containsKey("limit") ? Long.parseLong(params.get("limit")) : -1;
        long offset = params.containsKey("offset") ? Long.parseLong(params.get("offset")) : 0;
        String expr = request.getExpr().trim();
        // count(*) is the one query Milvus answers without a filter or a limit
        boolean count = request.getOutputFieldsList().equals(List.of(COUNT));
        if (expr.isEmpty() && limit < 0 && !count) {
            throw new IllegalArgumentException("empty expression should be used with limit");
        }
        FieldSchema pk = c.pk();
        Object key = null;
        boolean equal = false;
        if (!expr.isEmpty()) {
            Matcher m = PK_FILTER.matcher(expr);
            if (!m.matches() || !m.group(1).equals(pk.getName())) {
                throw new IllegalArgumentException("the protocol fake evaluates only '" + pk.getName() + " > value' and '"
                        + pk.getName() + " == value' filters, got: " + expr);
            }
            equal = m.group(2).equals("==");
            key = m.group(4) != null ? m.group(4).replace("\\\"", "\"").replace("\\\\", "\\") : (Object) Long.parseLong(m.group(3));
            if ((key instanceof Long) != (pk.getDataType() == DataType.Int64)) {
                throw new IllegalArgumentException("cannot compare primary key " + pk.getName() + " of type " + pk.getDataType() + " with " + m.group(3));
            }
        }
        Set<String> partitions = Set.copyOf(request.getPartitionNamesList());
        if (count) {
            long n;
            synchronized (c) {
                n = select(c, key, equal).values().stream().filter(r -> partitions.isEmpty() || partitions.contains(r.partition)).count();
            }
            return QueryResults.newBuilder().setStatus(ok()).setCollectionName(c.name).setPrimaryFieldName(pk.getName())
                    .setSessionTs(tso.incrementAndGet()).addOutputFields(COUNT)
                    .addFieldsData(FieldData.newBuilder().setType(DataType.Int64).setFieldName(COUNT)
                            .setScalars(ScalarField.newBuilder().setLongData(LongArray.newBuilder().addData(n)))).build();
        }
        List<FieldSchema> out = new ArrayList<>();
        boolean dynamic = false;
        for (String name : request.getOutputFieldsList()) {
            if (name.equals("*")) {
                out.clear();
                out.addAll(c.schema.getFieldsList());
                dynamic = c.schema.getEnableDynamicField();
                break;
            } else if (name.equals(DYNAMIC) && c.schema.getEnableDynamicField()) {
                dynamic = true;
            } else {
                FieldSchema f = c.schema.getFieldsList().stream().filter(x -> x.getName().equals(name)).findFirst()
                        .orElseThrow(() -> new IllegalArgumentException("field " + name + " not exist"));
                out.add(f);
            }
        }
        if (out.stream().noneMatch(FieldSchema::getIsPrimaryKey)) {
            out.add(0, pk);
        }
        List<Row> rows = new ArrayList<>();
        synchronized (c) {
            NavigableMap<Object, Row> view = select(c, key, equal);
            long skipped = 0;
            for (Row r : view.values()) {
                if (!partitions.isEmpty() && !partitions.contains(r.partition)) {
                    continue;
                }
                if (skipped++ < offset) {
                    continue;
                }
                if (limit >= 0 && rows.size() >= limit) {
                    break;
                }
                rows.add(r);
            }
        }
        QueryResults.Builder b = QueryResults.newBuilder().setStatus(ok()).setCollectionName(c.name)
                .setPrimaryFieldName(pk.getName()).setSessionTs(tso.incrementAndGet());
        for (FieldSchema f : out) {
            b.addFieldsData(column(f, rows));
            b.addOutputFields(f.getName());
        }
        if (dynamic) {
            JSONArray.Builder json = JSONArray.newBuilder();
            rows.forEach(r -> json.addData(ByteString.copyFromUtf8((String) r.values.get(DYNAMIC))));
            b.addFieldsData(FieldData.newBuilder().setType(DataType.JSON).setFieldName(DYNAMIC).setIsDynamic(true)
                    .setScalars(ScalarField.newBuilder().setJsonData(json)));
            b.addOutputFields(DYNAMIC);
        }
        return b.build();
    }

    /** The rows a primary-key filter selects: all of them (no filter), those after {@code key}, or the one equal to it. */
    private static NavigableMap<Object, Row> select(Coll c, Object key, boolean equal) {
        if (key == null) {
            return c.rows;
        }
        return equal ? c.rows.subMap(key, true, key, true) : c.rows.tailMap(key, false);
    }

    /**
     * Exact (brute-force) search over the stored float vectors: scores as Milvus reports them (squared L2 distance,
     * ascending; inner product and cosine similarity, descending), ties broken by primary key, {@code offset} skipped.
     */
    private SearchResults searchIn(Coll c, SearchRequest request) {
        Map<String, String> params = new LinkedHashMap<>();
        request.getSearchParamsList().forEach(kv -> params.put(kv.getKey(), kv.getValue()));
        List<FieldSchema> vectorFields = c.schema.getFieldsList().stream().filter(f -> f.getDataType().name().endsWith("Vector")).toList();
        String annsField = params.getOrDefault("anns_field", "");
        if (annsField.isEmpty()) {
            if (vectorFields.size() != 1) {
                throw new IllegalArgumentException("multiple anns_fields exist, please specify a anns_field in search_params");
            }
            annsField = vectorFields.get(0).getName();
        }
        String fieldName = annsField;
        FieldSchema field = vectorFields.stream().filter(f -> f.getName().equals(fieldName)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("failed to get field schema by name: fieldName(" + fieldName + ") not found"));
        if (field.getDataType() != DataType.FloatVector) {
            throw new IllegalArgumentException("the protocol fake searches only FloatVector fields; " + fieldName + " is " + field.getDataType());
        }
        if (!params.containsKey("topk")) {
            throw new IllegalArgumentException("topk not found in search_params");
        }
        int topK = Integer.parseInt(params.get("topk"));
        long offset = Long.parseLong(params.getOrDefault("offset", "0"));
        if (!request.getDsl().isEmpty() || request.getOutputFieldsCount() > 0) {
            throw new IllegalArgumentException("the protocol fake searches without filters and output fields");
        }
        String indexMetric;
        synchronized (c) {
            indexMetric = c.indexes.values().stream().filter(d -> d.getFieldName().equals(fieldName)).flatMap(d -> d.getParamsList().stream())
                    .filter(kv -> kv.getKey().equals("metric_type")).map(KeyValuePair::getValue).findFirst().orElse("");
        }
        String metric = params.getOrDefault("metric_type", "");
        if (metric.isEmpty()) {
            metric = indexMetric;
        } else if (!indexMetric.isEmpty() && !indexMetric.equals(metric)) {
            throw new IllegalArgumentException("metric type not match: invalid parameter[expected=" + indexMetric + "][actual=" + metric + "]");
        }
        PlaceholderGroup group;
        try {
            group = PlaceholderGroup.parseFrom(request.getPlaceholderGroup());
        } catch (InvalidProtocolBufferException e) {
            throw new IllegalArgumentException("bad placeholder group: " + e.getMessage());
        }
        PlaceholderValue targets = group.getPlaceholders(0);
        if (targets.getType() != PlaceholderType.FloatVector) {
            throw new IllegalArgumentException("the protocol fake searches only with float vectors, got " + targets.getType());
        }
        int dim = (int) dim(field);
        SearchResultData.Builder data = SearchResultData.newBuilder().setNumQueries(targets.getValuesCount()).setTopK(topK)
                .setPrimaryFieldName(c.pk().getName());
        LongArray.Builder longIds = LongArray.newBuilder();
        StringArray.Builder strIds = StringArray.newBuilder();
        for (ByteString target : targets.getValuesList()) {
            if (target.size() != dim * 4) {
                throw new IllegalArgumentException("vector dimension mismatch, expected vector size(byte) " + dim * 4 + ", actual " + target.size() + ".");
            }
            java.nio.FloatBuffer floats = target.asReadOnlyByteBuffer().order(java.nio.ByteOrder.LITTLE_ENDIAN).asFloatBuffer();
            float[] q = new float[dim];
            floats.get(q);
            List<Map.Entry<Object, Double>> scored = new ArrayList<>();
            synchronized (c) {
                for (Map.Entry<Object, Row> e : c.rows.entrySet()) {
                    if (request.getPartitionNamesCount() == 0 || request.getPartitionNamesList().contains(e.getValue().partition)) {
                        @SuppressWarnings("unchecked") List<Float> v = (List<Float>) e.getValue().values.get(fieldName);
                        scored.add(Map.entry(e.getKey(), score(metric, q, v)));
                    }
                }
            }
            boolean ascending = metric.equals("L2");
            // stable: rows come in primary key order, so equal scores stay in it
            scored.sort((a, b) -> ascending ? Double.compare(a.getValue(), b.getValue()) : Double.compare(b.getValue(), a.getValue()));
            List<Map.Entry<Object, Double>> hits = scored.subList((int) Math.min(offset, scored.size()), (int) Math.min(offset + topK, scored.size()));
            for (Map.Entry<Object, Double> hit : hits) {
                data.addScores(hit.getValue().floatValue());
                if (hit.getKey() instanceof Long l) {
                    longIds.addData(l);
                } else {
                    strIds.addData((String) hit.getKey());
                }
            }
            data.addTopks(hits.size());
        }
        data.setIds(c.pk().getDataType() == DataType.VarChar ? IDs.newBuilder().setStrId(strIds) : IDs.newBuilder().setIntId(longIds));
        return SearchResults.newBuilder().setStatus(ok()).setResults(data).setCollectionName(c.name).setSessionTs(tso.incrementAndGet()).build();
    }

    private static double score(String metric, float[] q, List<Float> v) {
        double dot = 0;
        double l2 = 0;
        double qq = 0;
        double vv = 0;
        for (int i = 0; i < q.length; i++) {
            double a = q[i];
            double b = v.get(i);
            dot += a * b;
            l2 += (a - b) * (a - b);
            qq += a * a;
            vv += b * b;
        }
        return switch (metric) {
            case "L2" -> l2;
            case "IP" -> dot;
            case "COSINE" -> qq == 0 || vv == 0 ? 0 : dot / Math.sqrt(qq * vv);
            default -> throw new IllegalArgumentException("the protocol fake does not score by metric '" + metric + "'");
        };
    }

    private static long dim(FieldSchema f) {
        return f.getTypeParamsList().stream().filter(kv -> kv.getKey().equals("dim")).map(kv -> Long.parseLong(kv.getValue())).findFirst().orElseThrow();
    }

    /** Milvus returns nullable columns full length: a placeholder where the value is null, and valid_data. */
    private static FieldData column(FieldSchema f, List<Row> rows) {
        if (!f.getNullable()) {
            return column(f, rows, r -> r.values.get(f.getName()));
        }
        Object placeholder = switch (f.getDataType()) {
            case Bool -> Boolean.FALSE;
            case Int8, Int16, Int32 -> 0;
            case Int64 -> 0L;
            case Float -> 0f;
            case Double -> 0d;
            case VarChar, String -> "";
            case JSON -> "null";
            case Array -> List.of();
            default -> throw new IllegalArgumentException("the protocol fake has no nullable " + f.getDataType() + " fields");
        };
        FieldData.Builder b = column(f, rows, r -> r.values.get(f.getName()) == null ? placeholder : r.values.get(f.getName())).toBuilder();
        rows.forEach(r -> b.addValidData(r.values.get(f.getName()) != null));
        return b.build();
    }

    @SuppressWarnings("unchecked")
    private static FieldData column(FieldSchema f, List<Row> rowList, java.util.function.Function<Row, Object> value) {
        List<Map<String, Object>> rows = new ArrayList<>();
        rowList.forEach(r -> rows.add(Map.of("v", value.apply(r))));
        FieldData.Builder fd = FieldData.newBuilder().setType(f.getDataType()).setFieldName(f.getName()).setFieldId(f.getFieldID());
        ScalarField.Builder s = ScalarField.newBuilder();
        switch (f.getDataType()) {
            case Bool -> {
                BoolArray.Builder a = BoolArray.newBuilder();
                rows.forEach(r -> a.addData((Boolean) r.get("v")));
                fd.setScalars(s.setBoolData(a));
            }
            case Int8, Int16, Int32 -> {
                IntArray.Builder a = IntArray.newBuilder();
                rows.forEach(r -> a.addData((Integer) r.get("v")));
                fd.setScalars(s.setIntData(a));
            }
            case Int64 -> {
                LongArray.Builder a = LongArray.newBuilder();
                rows.forEach(r -> a.addData((Long) r.get("v")));
                fd.setScalars(s.setLongData(a));
            }
            case Float -> {
                FloatArray.Builder a = FloatArray.newBuilder();
                rows.forEach(r -> a.addData((Float) r.get("v")));
                fd.setScalars(s.setFloatData(a));
            }
            case Double -> {
                DoubleArray.Builder a = DoubleArray.newBuilder();
                rows.forEach(r -> a.addData((Double) r.get("v")));
                fd.setScalars(s.setDoubleData(a));
            }
            case VarChar, String -> {
                StringArray.Builder a = StringArray.newBuilder();
                rows.forEach(r -> a.addData((String) r.get("v")));
                fd.setScalars(s.setStringData(a));
            }
            case JSON -> {
                JSONArray.Builder a = JSONArray.newBuilder();
                rows.forEach(r -> a.addData(ByteString.copyFromUtf8((String) r.get("v"))));
                fd.setScalars(s.setJsonData(a));
            }
            case Array -> {
                io.milvus.grpc.ArrayArray.Builder a = io.milvus.grpc.ArrayArray.newBuilder().setElementType(f.getElementType());
                rows.forEach(r -> a.addData(elementField(f.getElementType(), r.get("v"))));
                fd.setScalars(s.setArrayData(a));
            }
            case FloatVector -> {
                FloatArray.Builder a = FloatArray.newBuilder();
                rows.forEach(r -> a.addAllData((List<Float>) r.get("v")));
                long dim = f.getTypeParamsList().stream().filter(kv -> kv.getKey().equals("dim")).map(kv -> Long.parseLong(kv.getValue()))
                        .findFirst().orElseThrow();
                fd.setVectors(VectorField.newBuilder().setDim(dim).setFloatVector(a));
            }
            case BinaryVector, Float16Vector, BFloat16Vector, Int8Vector -> {
                ByteString.Output bytes = ByteString.newOutput();
                rows.forEach(r -> {
                    try {
                        ((ByteString) r.get("v")).writeTo(bytes);
                    } catch (IOException e) {
                        throw new java.io.UncheckedIOException(e);
                    }
                });
                long dim = f.getTypeParamsList().stream().filter(kv -> kv.getKey().equals("dim")).map(kv -> Long.parseLong(kv.getValue()))
                        .findFirst().orElseThrow();
                VectorField.Builder v = VectorField.newBuilder().setDim(dim);
                switch (f.getDataType()) {
                    case BinaryVector -> v.setBinaryVector(bytes.toByteString());
                    case Float16Vector -> v.setFloat16Vector(bytes.toByteString());
                    case BFloat16Vector -> v.setBfloat16Vector(bytes.toByteString());
                    default -> v.setInt8Vector(bytes.toByteString());
                }
                fd.setVectors(v);
            }
            case SparseFloatVector -> {
                io.milvus.grpc.SparseFloatArray.Builder a = io.milvus.grpc.SparseFloatArray.newBuilder();
                long maxDim = 0;
                for (Map<String, Object> r : rows) {
                    ByteString row = (ByteString) r.get("v");
                    a.addContents(row);
                    java.nio.ByteBuffer bb = row.asReadOnlyByteBuffer().order(java.nio.ByteOrder.LITTLE_ENDIAN);
                    for (int i = 0; i + 8 <= row.size(); i += 8) {
                        maxDim = Math.max(maxDim, Integer.toUnsignedLong(bb.getInt(i)) + 1);
                    }
                }
                fd.setVectors(VectorField.newBuilder().setDim(maxDim).setSparseFloatVector(a.setDim(maxDim)));
            }
            default -> throw new IllegalArgumentException("the protocol fake does not return " + f.getDataType() + " fields (" + f.getName() + ")");
        }
        return fd.build();
    }

    private static String quote(String s) {
        return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }
}
