package dev.backroute.milvus;

import dev.backroute.drill.DrillCheck;
import io.milvus.v2.client.MilvusClientV2;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * A drill's check of one search assertion: the query the backup recorded runs again on the restored copy of its
 * collection and must answer the primary keys the source answered, in the same order. The query is taken from the
 * backup, not from today's config, since its answer is what the backup recorded. Facts read from the manifest are
 * authenticated, but their shape is still checked: a malformed one fails the check by name.
 */
final class RecordedSearch {
    private final String name;
    private final Object recorded;

    /** @param recorded the backup's {@code searches} fact; null when the backup recorded none */
    RecordedSearch(String name, Object recorded) {
        this.name = name;
        this.recorded = recorded;
    }

    DrillCheck check(MilvusClientV2 client, MilvusScratch scratch) {
        String check = "search " + name;
        if (recorded == null) {
            return DrillCheck.passed(check, "not recorded by this backup (made before its searches were recorded); nothing to compare");
        }
        if (!(recorded instanceof List<?> all)) {
            return DrillCheck.failed(check, "the searches the backup recorded", "a malformed searches fact");
        }
        Map<?, ?> r = all.stream().filter(x -> x instanceof Map<?, ?> m && name.equals(m.get("name"))).map(x -> (Map<?, ?>) x)
                .findFirst().orElse(null);
        if (r == null) {
            return DrillCheck.passed(check, "not recorded by this backup (the assertion was added after it was made); nothing to compare");
        }
        if (r.get("error") != null) {
            return DrillCheck.failed(check, "the answer recorded when the backup was made",
                    "none: the search failed then: " + r.get("error"));
        }
        String collection = r.get("collection") instanceof String c && scratch.inBackup(c) ? c : null;
        String field = r.get("vector_field") instanceof String f && !f.isEmpty() ? f : null;
        String metric = r.get("metric") instanceof String m && MilvusSearch.METRICS.contains(m) ? m : null;
        Integer topK = r.get("top_k") instanceof Integer k && k >= 1 && k <= MilvusSearch.MAX_TOP_K ? k : null;
        List<Float> vector = vector(r.get("vector"));
        List<Object> ids = ids(r.get("ids"));
        String missing = collection == null ? "collection of the backup" : field == null ? "vector_field" : metric == null ? "metric"
                : topK == null ? "top_k" : vector == null ? "vector" : ids == null ? "answer (ids)" : null;
        if (missing != null) {
            return DrillCheck.failed(check, "a recorded " + missing, "none or malformed in the backup's source block");
        }
        String restored = scratch.scratchName(collection);
        try {
            List<Object> answer = ids(MilvusVectorSearch.ids(client, restored, field, metric, topK, vector));
            if (answer == null) {
                return DrillCheck.failed(check, show(ids), "primary keys that are neither integers nor strings");
            }
            return new DrillCheck(check, ids.equals(answer), show(ids), show(answer));
        } catch (RuntimeException e) {
            return DrillCheck.failed(check, show(ids), MilvusVectorSearch.failure(scratch.target(), restored, e));
        }
    }

    private static List<Float> vector(Object value) {
        if (!(value instanceof List<?> list) || list.isEmpty() || !list.stream().allMatch(Number.class::isInstance)) {
            return null;
        }
        return list.stream().map(x -> ((Number) x).floatValue()).toList();
    }

    /**
     * Primary keys as compared: an Int64 key as a Long (the manifest reads a small one back as an Integer), a VarChar
     * key as a String; so the key 1 differs from the key "1", and "a, b" from "a" and "b".
     */
    private static List<Object> ids(Object value) {
        if (!(value instanceof List<?> list)
                || !list.stream().allMatch(x -> x instanceof Integer || x instanceof Long || x instanceof String)) {
            return null;
        }
        return list.stream().map(x -> x instanceof String ? x : (Object) ((Number) x).longValue()).toList();
    }

    /** The keys as the drill record shows them: strings quoted, so that a type or a comma inside a key shows. */
    private static String show(List<Object> ids) {
        return ids.stream().map(id -> id instanceof String text ? "\"" + text.replace("\\", "\\\\").replace("\"", "\\\"") + "\""
                : id.toString()).collect(Collectors.joining(", ", "[", "]"));
    }
}
