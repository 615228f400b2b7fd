package dev.backroute.milvus;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.google.gson.JsonElement;
import dev.backroute.drill.Drill;
import io.milvus.orm.iterator.QueryIterator;
import io.milvus.response.QueryResultsWrapper;
import io.milvus.v2.client.MilvusClientV2;
import io.milvus.v2.common.ConsistencyLevel;
import io.milvus.v2.common.DataType;
import io.milvus.v2.service.collection.request.CreateCollectionReq;
import io.milvus.v2.service.collection.request.DescribeCollectionReq;
import io.milvus.v2.service.collection.request.GetCollectionStatsReq;
import io.milvus.v2.service.collection.request.HasCollectionReq;
import io.milvus.v2.service.collection.response.DescribeCollectionResp;
import io.milvus.v2.service.index.request.DescribeIndexReq;
import io.milvus.v2.service.index.response.DescribeIndexResp;
import io.milvus.v2.service.partition.request.ListPartitionsReq;
import io.milvus.v2.service.vector.request.QueryIteratorReq;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.OutputStream;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * Streams Milvus collections out as JSON Lines (format {@value MilvusExportFormat#FORMAT}), reading entities
 * with the SDK's query iterator one batch at a time: memory stays bounded whatever the collection size.
 */
public final class MilvusExporter {

    private static final Logger LOG = LoggerFactory.getLogger(MilvusExporter.class);
    static final int BATCH_SIZE = 1000;

    private final MilvusSource source;
    private final Map<String, String> env;
    private Duration connectTimeout = MilvusClients.DEFAULT_CONNECT_TIMEOUT;
    private Duration rpcDeadline = MilvusClients.DEFAULT_RPC_DEADLINE;
    private List<MilvusSearch> searches = List.of();
    private Consumer<String> warn = w -> { };
    /** The searches' records by name, as each ran while its collection was loaded for the export. */
    private final Map<String, Map<String, Object>> recorded = new LinkedHashMap<>();

    public MilvusExporter(MilvusSource source, Map<String, String> env) {
        this.source = source;
        this.env = env;
    }

    /** Overrides the connect timeout and the per-RPC deadline (defaults 10 s and 2 min). */
    public MilvusExporter timeouts(Duration connect, Duration rpc) {
        this.connectTimeout = connect;
        this.rpcDeadline = rpc;
        return this;
    }

    /**
     * The drill's vector searches to run on the source and record with their answers; a search that fails does not fail
     * the backup: its error is recorded instead (a drill of the backup then fails that check) and given to {@code warn}.
     */
    public MilvusExporter searches(List<MilvusSearch> searches, Consumer<String> warn) {
        this.searches = List.copyOf(searches);
        this.warn = warn;
        return this;
    }

    /**
     * Writes a header, then per collection its schema, indexes, partitions, entities and a trailer with the
     * entity count, then a final trailer. Does not close {@code out}.
     *
     * @return facts for the manifest's "source" block
     */
    public Map<String, Object> export(OutputStream out) throws IOException {
        String token = MilvusClients.token(source.token(), env);
        MilvusClients.Target target = new MilvusClients.Target(source.uri(), token, source.database(), connectTimeout, rpcDeadline);
        MilvusClientV2 client = MilvusClients.open(target);
        try {
            return export(client, target, out);
        } finally {
            MilvusClients.close(client);
        }
    }

    private Map<String, Object> export(MilvusClientV2 client, MilvusClients.Target target, OutputStream out) throws IOException {
        recorded.clear();
        String version = serverVersion(client);
        List<String> names = collections(client, target);
        // closing the generator flushes but leaves the caller's stream open
        JsonGenerator g = new JsonFactory().disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET).createGenerator(out, JsonEncoding.UTF8);
        g.setRootValueSeparator(null);

        g.writeStartObject();
        g.writeStringField("record", MilvusExportFormat.HEADER);
        g.writeStringField("format", MilvusExportFormat.FORMAT);
        g.writeStringField("created_at", Instant.now().toString());
        g.writeStringField("uri", target.shownUri());
        g.writeStringField("database", source.database());
        if (version != null) {
            g.writeStringField("server_version", version);
        }
        g.writeArrayFieldStart("collections");
        for (String n : names) {
            g.writeString(n);
        }
        g.writeEndArray();
        g.writeEndObject();
        newline(g);

        List<Map<String, Object>> facts = new ArrayList<>();
        long total = 0;
        for (String name : names) {
            long n = exportCollection(client, target, name, g);
            total += n;
            Map<String, Object> f = new LinkedHashMap<>();
            f.put("name", name);
            f.put("entities", n);
            facts.add(f);
        }
        g.writeStartObject();
        g.writeStringField("record", MilvusExportFormat.END);
        g.writeNumberField("collections", names.size());
        g.writeNumberField("entities", total);
        g.writeEndObject();
        newline(g);
        g.close();

        Map<String, Object> result = new LinkedHashMap<>();
        result.put("kind", "milvus");
        result.put("uri", target.shownUri());
        result.put("database", source.database());
        if (version != null) {
            result.put("server_version", version);
        }
        result.put("collections", facts);
        result.put("entities", total);
        result.put("format", MilvusExportFormat.FORMAT);
        if (!searches.isEmpty()) {
            result.put("searches", searchRecords(target, names));
        }
        return result;
    }

    /** Every configured search's record in config order; one whose collection was not exported is recorded as failed. */
    private List<Map<String, Object>> searchRecords(MilvusClients.Target target, List<String> exported) {
        List<Map<String, Object>> records = new ArrayList<>();
        for (MilvusSearch s : searches) {
            Map<String, Object> r = recorded.get(s.name());
            if (r == null) {
                r = new LinkedHashMap<>();
                r.put("name", s.name());
                r.put("collection", s.collection());
                r.put("error", "collection " + s.collection() + " is not in this backup (it has " + String.join(", ", exported) + ")");
            }
            if (r.containsKey("error")) {
                warn.accept("drill search " + s.name() + " failed on " + target.shownUri() + ": " + r.get("error")
                        + "; a drill of this backup fails that check");
            }
            records.add(r);
        }
        return records;
    }

    private static void newline(JsonGenerator g) throws IOException {
        g.writeRaw('\n');
    }

    private static String serverVersion(MilvusClientV2 client) {
        try {
            String v = client.getServerVersion();
            return v == null || v.isEmpty() ? null : v;
        } catch (RuntimeException e) {
            LOG.debug("Milvus did not tell its version: {}", e.getMessage());
            return null;
        }
    }

    private List<String> collections(MilvusClientV2 client, MilvusClients.Target target) throws IOException {
        try {
            if (source.collections().isEmpty()) {
                return withoutScratch(client.listCollections().getCollectionNames().stream().sorted().toList(), target);
            }
            for (String name : source.collections()) {
                if (!client.hasCollection(HasCollectionReq.builder().collectionName(name).build())) {
                    throw new MilvusUnavailableException("Milvus at " + target.shownUri() + ": collection " + name
                            + " does not exist in database " + source.database() + "; fix the collections list or create it");
                }
            }
            return new ArrayList<>(new LinkedHashSet<>(source.collections()));
        } catch (RuntimeException e) {
            throw MilvusClients.failure(target, null, e);
        }
    }

    /**
     * All collections but a recovery drill's scratch copies ({@link Drill#isScratch}, whether or not their base still
     * exists: a drill of a backup restores collections since dropped too). Backed up, a kept or killed drill's copy would
     * grow every backup and come back into production with a recover, and a drill dropping its copy mid-export would
     * fail the backup. A collection the operator lists by name is backed up whatever its name.
     */
    private static List<String> withoutScratch(List<String> all, MilvusClients.Target target) {
        List<String> scratch = all.stream().filter(Drill::isScratch).toList();
        if (!scratch.isEmpty()) {
            LOG.info("Not backing up Milvus collections {} at {}: their names end in _drill_<stamp>, recovery drills' scratch"
                    + " copies; list a collection in source.collections to back it up all the same", scratch, target.shownUri());
        }
        return new ArrayList<>(all.stream().filter(name -> !Drill.isScratch(name)).toList());
    }

    private long exportCollection(MilvusClientV2 client, MilvusClients.Target target, String name, JsonGenerator g) throws IOException {
        DescribeCollectionResp desc;
        DescribeIndexResp indexes;
        List<String> partitions;
        Long reported;
        try {
            desc = client.describeCollection(DescribeCollectionReq.builder().collectionName(name).build());
            indexes = describeIndexes(client, name);
            partitions = client.listPartitions(ListPartitionsReq.builder().collectionName(name).build());
            reported = client.getCollectionStats(GetCollectionStatsReq.builder().collectionName(name).build()).getNumOfEntities();
        } catch (RuntimeException e) {
            throw MilvusClients.failure(target, name, e);
        }
        CreateCollectionReq.CollectionSchema schema = desc.getCollectionSchema();
        List<CreateCollectionReq.FieldSchema> fields = new ArrayList<>();
        for (CreateCollectionReq.FieldSchema f : schema.getFieldSchemaList()) {
            if (!MilvusExportFormat.DYNAMIC_FIELD.equals(f.getName())) {
                fields.add(f);
            }
        }
        checkSupported(name, schema, fields);
        boolean partitionKey = fields.stream().anyMatch(f -> Boolean.TRUE.equals(f.getIsPartitionKey()));
        String pkName = desc.getPrimaryFieldName();

        g.writeStartObject();
        g.writeStringField("record", MilvusExportFormat.COLLECTION);
        g.writeStringField("name", name);
        g.writeStringField("description", desc.getDescription() == null ? "" : desc.getDescription());
        g.writeStringField("primary_field", pkName);
        g.writeBooleanField("enable_dynamic_field", schema.isEnableDynamicField());
        g.writeStringField("consistency_level", desc.getConsistencyLevel() == null ? null : desc.getConsistencyLevel().name());
        if (desc.getShardsNum() != null) {
            g.writeNumberField("shards_num", desc.getShardsNum());
        }
        if (partitionKey && desc.getNumOfPartitions() != null) {
            g.writeNumberField("num_partitions", desc.getNumOfPartitions());
        }
        if (reported != null) {
            g.writeNumberField("row_count_reported", reported);
        }
        g.writeObjectFieldStart("properties");
        for (Map.Entry<String, String> p : new TreeMap<>(desc.getProperties() == null ? Map.<String, String>of() : desc.getProperties()).entrySet()) {
            g.writeStringField(p.getKey(), p.getValue());
        }
        g.writeEndObject();
        g.writeArrayFieldStart("fields");
        for (CreateCollectionReq.FieldSchema f : fields) {
            writeField(g, f);
        }
        g.writeEndArray();
        g.writeEndObject();
        newline(g);

        for (DescribeIndexResp.IndexDesc d : indexes.getIndexDescriptions()) {
            g.writeStartObject();
            g.writeStringField("record", MilvusExportFormat.INDEX);
            g.writeStringField("collection", name);
            g.writeStringField("index_name", d.getIndexName());
            g.writeStringField("field", d.getFieldName());
            g.writeStringField("index_type", d.getIndexType() == null ? null : d.getIndexType().name());
            if (d.getMetricType() != null && d.getMetricType() != io.milvus.v2.common.IndexParam.MetricType.INVALID) {
                g.writeStringField("metric_type", d.getMetricType().name());
            }
            g.writeObjectFieldStart("params");
            for (Map.Entry<String, String> p : new TreeMap<>(d.getExtraParams()).entrySet()) {
                g.writeStringField(p.getKey(), p.getValue());
            }
            g.writeEndObject();
            g.writeEndObject();
            newline(g);
        }
        for (String p : partitions) {
            g.writeStartObject();
            g.writeStringField("record", MilvusExportFormat.PARTITION);
            g.writeStringField("collection", name);
            g.writeStringField("name", p);
            g.writeBooleanField("managed_by_partition_key", partitionKey);
            g.writeEndObject();
            newline(g);
        }

        Set<String> staticNames = new LinkedHashSet<>();
        fields.forEach(f -> staticNames.add(f.getName()));
        boolean wasLoaded = ensureLoaded(client, target, name);
        long count = 0;
        try {
            // With a partition key Milvus places entities itself; otherwise each partition is read on its own so that
            // a restore puts every entity back into the partition it came from.
            List<String> sections = partitionKey ? java.util.Collections.singletonList(null) : partitions;
            for (String partition : sections) {
                g.writeStartObject();
                g.writeStringField("record", MilvusExportFormat.ENTITIES);
                g.writeStringField("collection", name);
                g.writeStringField("partition", partition);
                g.writeEndObject();
                newline(g);
                count += exportEntities(client, target, name, partition, fields, staticNames, schema.isEnableDynamicField(), g);
            }
            // while the collection is loaded, and right after its entities were read: the answers fit this export
            for (MilvusSearch s : searches) {
                if (s.collection().equals(name)) {
                    recorded.put(s.name(), MilvusVectorSearch.record(client, target, s));
                }
            }
        } finally {
            if (!wasLoaded) {
                release(client, name);
            }
        }

        g.writeStartObject();
        g.writeStringField("record", MilvusExportFormat.COLLECTION_END);
        g.writeStringField("name", name);
        g.writeNumberField("entities", count);
        g.writeEndObject();
        newline(g);
        g.flush();
        LOG.info("Exported Milvus collection {}: {} entities", name, count);
        return count;
    }

    /** Milvus answers queries only on loaded collections: load one that is not, and say so. */
    private static boolean ensureLoaded(MilvusClientV2 client, MilvusClients.Target target, String name) throws IOException {
        try {
            if (client.getLoadState(io.milvus.v2.service.collection.request.GetLoadStateReq.builder().collectionName(name).build())) {
                return true;
            }
            LOG.info("Milvus collection {} is not loaded; loading it for the backup and releasing it afterwards", name);
            client.loadCollection(io.milvus.v2.service.collection.request.LoadCollectionReq.builder().collectionName(name).build());
            return false;
        } catch (RuntimeException e) {
            throw MilvusClients.failure(target, name, e);
        }
    }

    private static void release(MilvusClientV2 client, String name) {
        try {
            client.releaseCollection(io.milvus.v2.service.collection.request.ReleaseCollectionReq.builder().collectionName(name).build());
        } catch (RuntimeException e) {
            LOG.warn("Could not release Milvus collection {} after the backup: {}", name, e.getMessage());
        }
    }

    private static DescribeIndexResp describeIndexes(MilvusClientV2 client, String name) {
        List<String> names = client.listIndexes(io.milvus.v2.service.index.request.ListIndexesReq.builder().collectionName(name).build());
        List<DescribeIndexResp.IndexDesc> all = new ArrayList<>();
        for (String indexName : names) {
            all.addAll(client.describeIndex(DescribeIndexReq.builder().collectionName(name).indexName(indexName).build())
                    .getIndexDescriptions().stream().filter(d -> indexName.equals(d.getIndexName())).toList());
        }
        return DescribeIndexResp.builder().indexDescriptions(all).build();
    }

    private static void checkSupported(String collection, CreateCollectionReq.CollectionSchema schema,
                                       List<CreateCollectionReq.FieldSchema> fields) throws IOException {
        if (schema.getStructFields() != null && !schema.getStructFields().isEmpty()) {
            throw new IOException("Milvus collection " + collection + ": struct field " + schema.getStructFields().get(0).getName()
                    + " is not supported by backroute's Milvus export yet");
        }
        if (schema.getFunctionList() != null && !schema.getFunctionList().isEmpty()) {
            throw new IOException("Milvus collection " + collection + ": function " + schema.getFunctionList().get(0).getName()
                    + " (" + schema.getFunctionList().get(0).getFunctionType() + ") is not supported by backroute's Milvus export yet");
        }
        for (CreateCollectionReq.FieldSchema f : fields) {
            if (!MilvusExportFormat.SUPPORTED_TYPES.contains(f.getDataType())) {
                throw new IOException("Milvus collection " + collection + ": field " + f.getName() + " has type " + f.getDataType()
                        + ", which backroute's Milvus export does not support yet (supported: " + MilvusExportFormat.SUPPORTED_TYPES + ")");
            }
            if (f.getDataType() == DataType.Array && !MilvusExportFormat.SUPPORTED_ELEMENT_TYPES.contains(f.getElementType())) {
                throw new IOException("Milvus collection " + collection + ": field " + f.getName() + " is an Array of " + f.getElementType()
                        + ", which backroute's Milvus export does not support yet");
            }
        }
    }

    private static void writeField(JsonGenerator g, CreateCollectionReq.FieldSchema f) throws IOException {
        g.writeStartObject();
        g.writeStringField("name", f.getName());
        g.writeStringField("data_type", f.getDataType().name());
        g.writeBooleanField("primary_key", Boolean.TRUE.equals(f.getIsPrimaryKey()));
        g.writeBooleanField("auto_id", Boolean.TRUE.equals(f.getAutoID()));
        g.writeBooleanField("partition_key", Boolean.TRUE.equals(f.getIsPartitionKey()));
        g.writeBooleanField("clustering_key", Boolean.TRUE.equals(f.getIsClusteringKey()));
        g.writeBooleanField("nullable", Boolean.TRUE.equals(f.getIsNullable()));
        g.writeStringField("description", f.getDescription() == null ? "" : f.getDescription());
        if ((f.getDataType() == DataType.VarChar || f.getDataType() == DataType.Array && f.getElementType() == DataType.VarChar)
                && f.getMaxLength() != null) {
            g.writeNumberField("max_length", f.getMaxLength());
        }
        if (f.getDimension() != null) {
            g.writeNumberField("dim", f.getDimension());
        }
        if (f.getDataType() == DataType.Array) {
            g.writeStringField("element_type", f.getElementType().name());
            if (f.getMaxCapacity() != null) {
                g.writeNumberField("max_capacity", f.getMaxCapacity());
            }
        }
        if (f.getDefaultValue() != null) {
            g.writeFieldName("default_value");
            writeValue(g, f.getDefaultValue());
        }
        if (f.getTypeParams() != null && !f.getTypeParams().isEmpty()) {
            g.writeObjectFieldStart("type_params");
            for (Map.Entry<String, String> p : new TreeMap<>(f.getTypeParams()).entrySet()) {
                g.writeStringField(p.getKey(), p.getValue());
            }
            g.writeEndObject();
        }
        g.writeEndObject();
    }

    private long exportEntities(MilvusClientV2 client, MilvusClients.Target target, String name, String partition,
                                List<CreateCollectionReq.FieldSchema> fields, Set<String> staticNames, boolean dynamic,
                                JsonGenerator g) throws IOException {
        QueryIteratorReq.QueryIteratorReqBuilder req = QueryIteratorReq.builder()
                .collectionName(name)
                .outputFields(List.of("*"))
                .batchSize(BATCH_SIZE)
                .consistencyLevel(ConsistencyLevel.STRONG);
        if (partition != null) {
            req.partitionNames(List.of(partition));
        }
        long count = 0;
        QueryIterator it;
        try {
            it = client.queryIterator(req.build());
        } catch (RuntimeException e) {
            throw MilvusClients.failure(target, name, e);
        }
        try {
            while (true) {
                List<QueryResultsWrapper.RowRecord> batch;
                try {
                    batch = it.next();
                } catch (RuntimeException e) {
                    throw MilvusClients.failure(target, name, e);
                }
                if (batch.isEmpty()) {
                    break;
                }
                for (QueryResultsWrapper.RowRecord row : batch) {
                    writeEntity(g, name, row.getFieldValues(), fields, staticNames, dynamic);
                    count++;
                }
                g.flush();
            }
        } finally {
            it.close();
        }
        return count;
    }

    private static void writeEntity(JsonGenerator g, String collection, Map<String, Object> values,
                                    List<CreateCollectionReq.FieldSchema> fields, Set<String> staticNames, boolean dynamic) throws IOException {
        g.writeStartObject();
        g.writeStringField("record", MilvusExportFormat.ENTITY);
        g.writeObjectFieldStart("data");
        for (CreateCollectionReq.FieldSchema f : fields) {
            if (!values.containsKey(f.getName())) {
                throw new IOException("Milvus collection " + collection + ": the server returned no value for field " + f.getName());
            }
            g.writeFieldName(f.getName());
            writeValue(g, values.get(f.getName()));
        }
        g.writeEndObject();
        if (dynamic) {
            g.writeObjectFieldStart(MilvusExportFormat.DYNAMIC_FIELD);
            for (Map.Entry<String, Object> e : new TreeMap<>(values).entrySet()) {
                if (!staticNames.contains(e.getKey())) {
                    g.writeFieldName(e.getKey());
                    writeValue(g, e.getValue());
                }
            }
            g.writeEndObject();
        }
        g.writeEndObject();
        newline(g);
    }

    private static void writeValue(JsonGenerator g, Object v) throws IOException {
        if (v == null) {
            g.writeNull();
        } else if (v instanceof Float f) {
            g.writeNumber(f); // shortest text that parses back to the same float
        } else if (v instanceof Double d) {
            g.writeNumber(d);
        } else if (v instanceof Long || v instanceof Integer || v instanceof Short || v instanceof Byte) {
            g.writeNumber(((Number) v).longValue());
        } else if (v instanceof Number n) {
            g.writeNumber(n.toString());
        } else if (v instanceof Boolean b) {
            g.writeBoolean(b);
        } else if (v instanceof String s) {
            g.writeString(s);
        } else if (v instanceof JsonElement j) {
            g.writeRawValue(j.toString());
        } else if (v instanceof java.nio.ByteBuffer bb) {
            // binary, float16, bfloat16 and int8 vectors: the raw bytes Milvus keeps (little endian), as base64
            java.nio.ByteBuffer d = bb.duplicate();
            d.clear();
            byte[] bytes = new byte[d.remaining()];
            d.get(bytes);
            g.writeString(java.util.Base64.getEncoder().encodeToString(bytes));
        } else if (v instanceof java.util.SortedMap<?, ?> sparse) {
            // sparse float vector: {"index": value}
            g.writeStartObject();
            for (Map.Entry<?, ?> e : sparse.entrySet()) {
                g.writeFieldName(String.valueOf(e.getKey()));
                writeValue(g, e.getValue());
            }
            g.writeEndObject();
        } else if (v instanceof List<?> list) {
            g.writeStartArray();
            for (Object o : list) {
                writeValue(g, o);
            }
            g.writeEndArray();
        } else {
            throw new IOException("unsupported Milvus value of type " + v.getClass().getName());
        }
    }
}
