package dev.backroute.milvus;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.google.gson.JsonSyntaxException;
import io.milvus.v2.client.MilvusClientV2;
import io.milvus.v2.common.ConsistencyLevel;
import io.milvus.v2.common.DataType;
import io.milvus.v2.common.IndexParam;
import io.milvus.v2.service.collection.request.CreateCollectionReq;
import io.milvus.v2.service.collection.request.DropCollectionReq;
import io.milvus.v2.service.collection.request.HasCollectionReq;
import io.milvus.v2.service.collection.request.LoadCollectionReq;
import io.milvus.v2.service.index.request.CreateIndexReq;
import io.milvus.v2.service.partition.request.CreatePartitionReq;
import io.milvus.v2.service.utility.request.FlushReq;
import io.milvus.v2.service.vector.request.InsertReq;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Recreates collections from a {@value MilvusExportFormat#FORMAT} stream: schema, partitions, indexes, then the
 * entities, inserted batch by batch while the lines are read (memory stays bounded), then flush and load.
 *
 * <p>Primary keys are kept as exported. A field that was {@code auto_id} is recreated with {@code auto_id=true}
 * and the collection property {@code allow_insert_auto_id=true} (Milvus 2.6.3 and later accept explicit keys
 * then), so the application can go on inserting without keys. On an older or unknown server version it is
 * recreated with {@code auto_id=false} instead, logged as a warning and reported as {@code auto_id_kept=false}.
 */
public final class MilvusRestorer {

    private static final Logger LOG = LoggerFactory.getLogger(MilvusRestorer.class);
    static final int INSERT_BATCH = 1000;
    static final long INSERT_BATCH_BYTES = 16L << 20;
    static final String ALLOW_INSERT_AUTO_ID = "allow_insert_auto_id";
    /** The collection property naming the drills that made a collection; see {@link MilvusDrillTarget}. */
    static final String DRILL_MARK = "backroute.drill";

    private final MilvusSource defaults;
    private final Map<String, String> env;
    private Duration connectTimeout = MilvusClients.DEFAULT_CONNECT_TIMEOUT;
    private Duration rpcDeadline = MilvusClients.DEFAULT_RPC_DEADLINE;
    private String mark;

    public MilvusRestorer(MilvusSource defaults, Map<String, String> env) {
        this.defaults = defaults;
        this.env = env;
    }

    /** Overrides the connect timeout and the per-RPC deadline (defaults 10 s and 2 min). */
    public MilvusRestorer timeouts(Duration connect, Duration rpc) {
        this.connectTimeout = connect;
        this.rpcDeadline = rpc;
        return this;
    }

    /**
     * Sets {@code mark} as the {@value #DRILL_MARK} property of every collection created. Without it no collection gets
     * one: a mark in the export (a drill's copy backed up by name) is left out, so that a recovered collection is never
     * taken for a drill's leftover.
     */
    public MilvusRestorer marking(String mark) {
        this.mark = mark;
        return this;
    }

    /**
     * @param targetUri    http(s)://host:port of the Milvus to restore into
     * @param renameSuffix appended to every collection name, or null
     * @param newName      the new name when the export holds exactly one collection, or null
     * @param overwrite    drop existing collections of the same (target) name first
     * @return per-collection counts
     */
    public Map<String, Object> restore(InputStream jsonl, String targetUri, String renameSuffix, String newName, boolean overwrite)
            throws IOException {
        String token = defaults == null ? null : MilvusClients.token(defaults.token(), env);
        String database = defaults == null || defaults.database() == null ? "default" : defaults.database();
        MilvusClients.Target target = new MilvusClients.Target(targetUri, token, database, connectTimeout, rpcDeadline);
        BufferedReader in = new BufferedReader(new InputStreamReader(jsonl, StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT)), 1 << 16);
        JsonObject header = readHeader(in);
        List<String> sources = new ArrayList<>();
        header.getAsJsonArray("collections").forEach(e -> sources.add(e.getAsString()));
        Map<String, String> names = targetNames(sources, renameSuffix, newName);

        MilvusClientV2 client = MilvusClients.open(target);
        try {
            // refuse before changing anything
            List<String> existing = new ArrayList<>();
            for (String t : names.values()) {
                if (exists(client, target, t)) {
                    existing.add(t);
                }
            }
            if (!existing.isEmpty() && !overwrite) {
                throw new MilvusTargetExistsException(String.join(", ", existing), target.shownUri());
            }
            boolean insertAutoId = supportsInsertAutoId(client);
            return new Run(client, target, names, existing, insertAutoId, mark).run(in);
        } finally {
            MilvusClients.close(client);
        }
    }

    private static JsonObject readHeader(BufferedReader in) throws IOException {
        String line = in.readLine();
        if (line == null) {
            throw new IOException("Milvus export is empty");
        }
        JsonObject header = parse(line, 1);
        if (!MilvusExportFormat.HEADER.equals(str(header, "record")) || !MilvusExportFormat.FORMAT.equals(str(header, "format"))) {
            throw new IOException("not a " + MilvusExportFormat.FORMAT + " stream (line 1 is not its header)");
        }
        return header;
    }

    private static Map<String, String> targetNames(List<String> sources, String suffix, String newName) throws IOException {
        Map<String, String> names = new LinkedHashMap<>();
        if (newName != null && !newName.isEmpty()) {
            if (sources.size() != 1) {
                throw new IOException("a new collection name needs an export with exactly one collection; this one has "
                        + sources.size() + " (" + String.join(", ", sources) + "); use a rename suffix instead");
            }
            names.put(sources.get(0), newName);
            return names;
        }
        for (String s : sources) {
            names.put(s, suffix == null ? s : s + suffix);
        }
        return names;
    }

    private static boolean exists(MilvusClientV2 client, MilvusClients.Target target, String name) throws IOException {
        try {
            return client.hasCollection(HasCollectionReq.builder().collectionName(name).build());
        } catch (RuntimeException e) {
            throw MilvusClients.failure(target, name, e);
        }
    }

    /** Milvus 2.6.3 and later accept primary keys for auto_id fields when the collection allows it. */
    static boolean supportsInsertAutoId(MilvusClientV2 client) {
        String v;
        try {
            v = client.getServerVersion();
        } catch (RuntimeException e) {
            return false;
        }
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("v?(\\d+)\\.(\\d+)\\.(\\d+)").matcher(v == null ? "" : v);
        if (!m.find()) {
            return false;
        }
        int major = Integer.parseInt(m.group(1));
        int minor = Integer.parseInt(m.group(2));
        int patch = Integer.parseInt(m.group(3));
        return major > 2 || major == 2 && (minor > 6 || minor == 6 && patch >= 3);
    }

    private static JsonObject parse(String line, long lineNo) throws IOException {
        try {
            JsonElement e = JsonParser.parseString(line);
            if (!e.isJsonObject()) {
                throw new IOException("Milvus export line " + lineNo + ": not a record object");
            }
            return e.getAsJsonObject();
        } catch (JsonSyntaxException e) {
            throw new IOException("Milvus export line " + lineNo + ": not valid JSON");
        }
    }

    private static String str(JsonObject o, String key) {
        JsonElement e = o.get(key);
        return e == null || e.isJsonNull() ? null : e.getAsString();
    }

    /** One restore: the state while reading the stream. */
    private static final class Run {
        private final MilvusClientV2 client;
        private final MilvusClients.Target target;
        private final Map<String, String> names;
        private final List<String> existing;
        private final boolean insertAutoId;
        private final String mark;
        private final List<Map<String, Object>> results = new ArrayList<>();

        private String source;
        private String name;
        private JsonObject collection;
        private final List<JsonObject> indexes = new ArrayList<>();
        private final List<String> byteVectorFields = new ArrayList<>();
        private int partitions;
        private boolean indexesCreated;
        private boolean autoIdKept;
        private String partition;
        private final List<JsonObject> batch = new ArrayList<>();
        private long batchBytes;
        private long inserted;
        private long total;

        Run(MilvusClientV2 client, MilvusClients.Target target, Map<String, String> names, List<String> existing, boolean insertAutoId,
            String mark) {
            this.client = client;
            this.target = target;
            this.names = names;
            this.existing = existing;
            this.insertAutoId = insertAutoId;
            this.mark = mark;
        }

        Map<String, Object> run(BufferedReader in) throws IOException {
            String line;
            long lineNo = 1;
            boolean ended = false;
            while ((line = in.readLine()) != null) {
                lineNo++;
                if (ended) {
                    throw new IOException("Milvus export line " + lineNo + ": data after the end record");
                }
                JsonObject r = parse(line, lineNo);
                String kind = str(r, "record");
                if (kind == null) {
                    throw new IOException("Milvus export line " + lineNo + ": not a record object");
                }
                try {
                    switch (kind) {
                        case MilvusExportFormat.COLLECTION -> startCollection(r);
                        case MilvusExportFormat.INDEX -> indexes.add(r);
                        case MilvusExportFormat.PARTITION -> partition(r);
                        case MilvusExportFormat.ENTITIES -> {
                            insertBatch();
                            ensureIndexes();
                            partition = str(r, "partition");
                        }
                        case MilvusExportFormat.ENTITY -> entity(r, line.length());
                        case MilvusExportFormat.COLLECTION_END -> endCollection(r, lineNo);
                        case MilvusExportFormat.END -> ended = true;
                        default -> throw new IOException("Milvus export line " + lineNo + ": unknown record kind " + kind);
                    }
                } catch (RuntimeException e) {
                    throw MilvusClients.failure(target, name, e);
                }
            }
            if (!ended) {
                throw new IOException("Milvus export is truncated (no end record after line " + lineNo + ")"
                        + (name == null ? "" : "; collection " + name + " may be incomplete"));
            }
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("uri", target.shownUri());
            out.put("database", target.database());
            out.put("collections", results);
            out.put("entities", total);
            return out;
        }

        private void startCollection(JsonObject r) throws IOException {
            source = str(r, "name");
            name = names.get(source);
            if (name == null) {
                throw new IOException("collection " + source + " is not announced in the export header");
            }
            collection = r;
            indexes.clear();
            partitions = 0;
            indexesCreated = false;
            partition = null;
            inserted = 0;
            if (existing.contains(name)) {
                LOG.warn("Overwriting: dropping existing Milvus collection {} at {}", name, target.shownUri());
                client.dropCollection(DropCollectionReq.builder().collectionName(name).build());
            }
            List<CreateCollectionReq.FieldSchema> fieldList = new ArrayList<>();
            autoIdKept = true;
            boolean anyAutoId = false;
            byteVectorFields.clear();
            for (JsonElement fe : r.getAsJsonArray("fields")) {
                JsonObject f = fe.getAsJsonObject();
                if (MilvusExportFormat.BYTE_VECTOR_TYPES.contains(DataType.valueOf(str(f, "data_type")))) {
                    byteVectorFields.add(str(f, "name"));
                }
                boolean autoId = f.get("auto_id").getAsBoolean();
                anyAutoId |= autoId;
                CreateCollectionReq.FieldSchema.FieldSchemaBuilder fb = CreateCollectionReq.FieldSchema.builder()
                        .name(str(f, "name"))
                        .dataType(DataType.valueOf(str(f, "data_type")))
                        .isPrimaryKey(f.get("primary_key").getAsBoolean())
                        .autoID(autoId && insertAutoId)
                        .isPartitionKey(f.get("partition_key").getAsBoolean())
                        .isClusteringKey(f.get("clustering_key").getAsBoolean())
                        .isNullable(f.get("nullable").getAsBoolean())
                        .description(str(f, "description") == null ? "" : str(f, "description"));
                if (f.has("max_length")) {
                    fb.maxLength(f.get("max_length").getAsInt());
                }
                if (f.has("dim")) {
                    fb.dimension(f.get("dim").getAsInt());
                }
                if (f.has("element_type")) {
                    fb.elementType(DataType.valueOf(str(f, "element_type")));
                }
                if (f.has("max_capacity")) {
                    fb.maxCapacity(f.get("max_capacity").getAsInt());
                }
                if (f.has("type_params")) {
                    Map<String, String> tp = new LinkedHashMap<>();
                    f.getAsJsonObject("type_params").entrySet().forEach(e -> tp.put(e.getKey(), e.getValue().getAsString()));
                    tp.remove("dim");
                    tp.remove("max_length");
                    tp.remove("max_capacity");
                    if (!tp.isEmpty()) {
                        fb.typeParams(tp);
                    }
                }
                if (f.has("default_value") && !f.get("default_value").isJsonNull()) {
                    fb.defaultValue(defaultValue(f.get("default_value"), DataType.valueOf(str(f, "data_type"))));
                }
                fieldList.add(fb.build());
            }
            CreateCollectionReq.CollectionSchema schema = CreateCollectionReq.CollectionSchema.builder()
                    .enableDynamicField(r.get("enable_dynamic_field").getAsBoolean())
                    .fieldSchemaList(fieldList)
                    .build();
            Map<String, String> properties = new LinkedHashMap<>();
            r.getAsJsonObject("properties").entrySet().forEach(e -> properties.put(e.getKey(), e.getValue().getAsString()));
            properties.remove(DRILL_MARK);
            if (mark != null) {
                properties.put(DRILL_MARK, mark);
            }
            if (anyAutoId) {
                if (insertAutoId) {
                    properties.put(ALLOW_INSERT_AUTO_ID, "true");
                } else {
                    autoIdKept = false;
                    LOG.warn("Milvus at {} is older than 2.6.3 or did not tell its version: collection {} is recreated with "
                            + "auto_id=false so that its entities keep their primary keys; new inserts must supply keys",
                            target.shownUri(), name);
                }
            }
            CreateCollectionReq.CreateCollectionReqBuilder cb = CreateCollectionReq.builder()
                    .collectionName(name)
                    .description(str(r, "description") == null ? "" : str(r, "description"))
                    .collectionSchema(schema)
                    .properties(properties);
            if (r.has("shards_num")) {
                cb.numShards(r.get("shards_num").getAsInt());
            }
            if (r.has("num_partitions")) {
                cb.numPartitions(r.get("num_partitions").getAsInt());
            }
            String level = str(r, "consistency_level");
            if (level != null) {
                cb.consistencyLevel(ConsistencyLevel.valueOf(level));
            }
            client.createCollection(cb.build());
            LOG.info("Created Milvus collection {} at {}", name, target.shownUri());
        }

        private static Object defaultValue(JsonElement v, DataType type) {
            return switch (type) {
                case Bool -> v.getAsBoolean();
                case Int8, Int16, Int32 -> v.getAsInt();
                case Int64 -> v.getAsLong();
                case Float -> v.getAsFloat();
                case Double -> v.getAsDouble();
                default -> v.getAsString();
            };
        }

        private void partition(JsonObject r) {
            String p = str(r, "name");
            partitions++;
            if (r.get("managed_by_partition_key").getAsBoolean() || "_default".equals(p)) {
                return;
            }
            client.createPartition(CreatePartitionReq.builder().collectionName(name).partitionName(p).build());
        }

        private void ensureIndexes() {
            if (indexesCreated) {
                return;
            }
            indexesCreated = true;
            for (JsonObject ix : indexes) {
                IndexParam.IndexParamBuilder ib = IndexParam.builder()
                        .fieldName(str(ix, "field"))
                        .indexName(str(ix, "index_name"))
                        .indexType(IndexParam.IndexType.valueOf(str(ix, "index_type")));
                if (ix.has("metric_type")) {
                    ib.metricType(IndexParam.MetricType.valueOf(str(ix, "metric_type")));
                }
                Map<String, Object> params = new LinkedHashMap<>();
                ix.getAsJsonObject("params").entrySet().forEach(e -> params.put(e.getKey(), e.getValue().getAsString()));
                if (!params.isEmpty()) {
                    ib.extraParams(params);
                }
                client.createIndex(CreateIndexReq.builder().collectionName(name).indexParams(List.of(ib.build())).build());
            }
        }

        private void entity(JsonObject r, int lineLength) throws IOException {
            JsonObject row = r.getAsJsonObject("data");
            for (String field : byteVectorFields) {
                JsonElement v = row.get(field);
                if (v != null && !v.isJsonNull()) {
                    com.google.gson.JsonArray bytes = new com.google.gson.JsonArray();
                    for (byte b : java.util.Base64.getDecoder().decode(v.getAsString())) {
                        bytes.add(b);
                    }
                    row.add(field, bytes);
                }
            }
            JsonElement dyn = r.get(MilvusExportFormat.DYNAMIC_FIELD);
            if (dyn != null && dyn.isJsonObject()) {
                for (Map.Entry<String, JsonElement> e : dyn.getAsJsonObject().entrySet()) {
                    row.add(e.getKey(), e.getValue());
                }
            }
            batch.add(row);
            batchBytes += lineLength;
            if (batch.size() >= INSERT_BATCH || batchBytes >= INSERT_BATCH_BYTES) {
                insertBatch();
            }
        }

        private void insertBatch() {
            if (batch.isEmpty()) {
                return;
            }
            InsertReq.InsertReqBuilder ib = InsertReq.builder().collectionName(name).data(new ArrayList<>(batch));
            if (partition != null) {
                ib.partitionName(partition);
            }
            client.insert(ib.build());
            inserted += batch.size();
            batch.clear();
            batchBytes = 0;
        }

        private void endCollection(JsonObject r, long lineNo) throws IOException {
            insertBatch();
            ensureIndexes();
            long said = r.get("entities").getAsLong();
            if (said != inserted) {
                throw new IOException("Milvus export line " + lineNo + ": collection " + source + " trailer says " + said
                        + " entities, " + inserted + " were read");
            }
            client.flush(FlushReq.builder().collectionNames(List.of(name)).build());
            client.loadCollection(LoadCollectionReq.builder().collectionName(name).build());
            Map<String, Object> c = new LinkedHashMap<>();
            c.put("name", source);
            c.put("restored_as", name);
            c.put("entities", inserted);
            c.put("partitions", partitions);
            c.put("indexes", indexes.size());
            c.put("auto_id_kept", autoIdKept);
            results.add(c);
            total += inserted;
            LOG.info("Restored Milvus collection {} as {}: {} entities", source, name, inserted);
            name = null;
        }
    }
}
