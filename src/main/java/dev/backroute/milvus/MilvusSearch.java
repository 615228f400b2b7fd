package dev.backroute.milvus;

import dev.backroute.config.Fields;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * An operator's vector-search assertion of a milvus type's drill: a backup runs it on the source and records the query
 * and its top-k primary keys; a drill runs the recorded query on the restored collection and expects the same keys.
 *
 * @param vector   the query vector, or null when {@code vectorOf} names the entity whose stored vector is the query
 * @param vectorOf that entity's primary key as the config gives it (a number or a string; the collection's key type
 *                 decides how it is read), or null
 * @param metric   L2, IP or COSINE: Milvus refuses a search whose metric is not the one the field's index was built with
 */
public record MilvusSearch(String name, String collection, String vectorField, List<Float> vector, String vectorOf, int topK,
                           String metric) {
    static final List<String> METRICS = List.of("L2", "IP", "COSINE");
    /** Milvus's own bound on a search's limit. */
    static final int MAX_TOP_K = 16_384;

    public MilvusSearch {
        vector = vector == null ? null : List.copyOf(vector);
    }

    /** One object of {@code drill.assertions}; {@code names} holds the names read so far, which must differ. */
    static MilvusSearch read(Fields a, MilvusSource source, Set<String> names) {
        String name = a.required("name", "in a search assertion: how the drill record names its check");
        a.check("name", name.isEmpty() || names.add(name), "'" + name + "' names another search assertion too; give each its own name");
        String collection = a.required("collection", "in a search assertion: the collection searched");
        List<String> backedUp = source == null ? List.of() : source.collections();
        a.check("collection", collection.isEmpty() || backedUp.isEmpty() || backedUp.contains(collection),
                "must be one of the source's collections (" + String.join(", ", backedUp) + "), got '" + collection + "'");
        String vectorField = a.required("vector_field", "in a search assertion: the float vector field searched");
        List<Float> vector = floats(a, a.numbers("vector"));
        String vectorOf = a.get("vector_of").isPresent() ? a.get("vector_of").scalarText() : null;
        if (vector == null && vectorOf == null) {
            a.problem("a search assertion needs vector (the query vector) or vector_of (the primary key of an entity whose stored"
                    + " vector is the query)");
        }
        a.check("vector_of", vector == null || vectorOf == null, "give vector or vector_of, not both");
        int topK = a.integer("top_k", 10, 1, MAX_TOP_K);
        String metric = a.choice("metric", "L2", METRICS);
        return new MilvusSearch(name, collection, vectorField, vector, vectorOf, topK, metric);
    }

    private static List<Float> floats(Fields a, List<BigDecimal> numbers) {
        if (numbers == null) {
            return null;
        }
        List<Float> vector = new ArrayList<>();
        for (BigDecimal n : numbers) {
            float f = n == null ? Float.NaN : n.floatValue();
            if (n != null && !Float.isFinite(f)) {
                a.check("vector", false, "holds " + n.toPlainString() + ", which is not a 32-bit float");
            }
            vector.add(f);
        }
        return vector;
    }
}
