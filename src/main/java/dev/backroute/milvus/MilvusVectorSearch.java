package dev.backroute.milvus;

import io.milvus.v2.client.MilvusClientV2;
import io.milvus.v2.common.ConsistencyLevel;
import io.milvus.v2.common.DataType;
import io.milvus.v2.common.IndexParam;
import io.milvus.v2.service.collection.request.CreateCollectionReq;
import io.milvus.v2.service.collection.request.DescribeCollectionReq;
import io.milvus.v2.service.collection.response.DescribeCollectionResp;
import io.milvus.v2.service.vector.request.QueryReq;
import io.milvus.v2.service.vector.request.SearchReq;
import io.milvus.v2.service.vector.request.data.FloatVec;
import io.milvus.v2.service.vector.response.QueryResp;
import io.milvus.v2.service.vector.response.SearchResp;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The drill's reads of a Milvus collection, the same at backup time on the source and at drill time on the restored
 * copy: a top-k vector search and an entity count, both at STRONG consistency so that they see every insert that came
 * before them. Throws the SDK's runtime exceptions; the callers turn them into one line with {@link MilvusClients#failure}.
 */
final class MilvusVectorSearch {
    static final String COUNT = "count(*)";

    private MilvusVectorSearch() {}

    /** The primary keys of the {@code topK} entities nearest to {@code vector}, nearest first. */
    static List<Object> ids(MilvusClientV2 client, String collection, String vectorField, String metric, int topK, List<Float> vector) {
        SearchResp resp = client.search(SearchReq.builder().collectionName(collection).annsField(vectorField)
                .metricType(IndexParam.MetricType.valueOf(metric)).limit(topK).data(List.of(new FloatVec(vector)))
                .consistencyLevel(ConsistencyLevel.STRONG).build());
        List<Object> ids = new ArrayList<>();
        if (!resp.getSearchResults().isEmpty()) {
            resp.getSearchResults().get(0).forEach(r -> ids.add(r.getId()));
        }
        return ids;
    }

    /** The stored float vector of the entity whose primary key is {@code key} (read as the collection's key type). */
    static List<Float> vectorOf(MilvusClientV2 client, String collection, String vectorField, String key) {
        DescribeCollectionResp desc = client.describeCollection(DescribeCollectionReq.builder().collectionName(collection).build());
        String pk = desc.getPrimaryFieldName();
        DataType pkType = desc.getCollectionSchema().getFieldSchemaList().stream().filter(f -> pk.equals(f.getName()))
                .map(CreateCollectionReq.FieldSchema::getDataType).findFirst().orElse(DataType.Int64);
        String literal;
        if (pkType == DataType.VarChar) {
            literal = "\"" + key.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
        } else {
            try {
                literal = Long.toString(Long.parseLong(key));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("vector_of '" + key + "' is not an integer, and the primary key " + pk
                        + " of collection " + collection + " is " + pkType);
            }
        }
        QueryResp resp = client.query(QueryReq.builder().collectionName(collection).filter(pk + " == " + literal)
                .outputFields(List.of(vectorField)).consistencyLevel(ConsistencyLevel.STRONG).build());
        if (resp.getQueryResults().isEmpty()) {
            throw new IllegalArgumentException("vector_of: collection " + collection + " has no entity with primary key " + key);
        }
        Object value = resp.getQueryResults().get(0).getEntity().get(vectorField);
        if (!(value instanceof List<?> list) || list.isEmpty() || !(list.get(0) instanceof Float)) {
            throw new IllegalArgumentException("field " + vectorField + " of collection " + collection + " is not a float vector field");
        }
        List<Float> vector = new ArrayList<>();
        list.forEach(x -> vector.add((Float) x));
        return vector;
    }

    /** How many entities a query sees in {@code collection}. */
    static long count(MilvusClientV2 client, String collection) {
        QueryResp resp = client.query(QueryReq.builder().collectionName(collection).outputFields(List.of(COUNT))
                .consistencyLevel(ConsistencyLevel.STRONG).build());
        Object n = resp.getQueryResults().isEmpty() ? null : resp.getQueryResults().get(0).getEntity().get(COUNT);
        if (!(n instanceof Number number)) {
            throw new IllegalStateException("Milvus answered count(*) on collection " + collection + " with " + n);
        }
        return number.longValue();
    }

    /**
     * Runs {@code search} on the source at backup time and returns what the manifest keeps of it: the query as it ran (the
     * vector itself, also when it came from {@code vector_of}) and the answer, or the error that stopped it.
     */
    static Map<String, Object> record(MilvusClientV2 client, MilvusClients.Target target, MilvusSearch search) {
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("name", search.name());
        r.put("collection", search.collection());
        r.put("vector_field", search.vectorField());
        r.put("metric", search.metric());
        r.put("top_k", search.topK());
        if (search.vectorOf() != null) {
            r.put("vector_of", search.vectorOf());
        }
        try {
            List<Float> vector = search.vector() != null ? search.vector()
                    : vectorOf(client, search.collection(), search.vectorField(), search.vectorOf());
            r.put("vector", vector);
            r.put("ids", ids(client, search.collection(), search.vectorField(), search.metric(), search.topK(), vector));
        } catch (RuntimeException e) {
            r.put("error", failure(target, search.collection(), e));
        }
        return r;
    }

    /** One line for a failed read; the assertion's own mistakes (IllegalArgumentException) are already one. */
    static String failure(MilvusClients.Target target, String collection, RuntimeException e) {
        return e instanceof IllegalArgumentException ? e.getMessage() : MilvusClients.failure(target, collection, e).getMessage();
    }
}
