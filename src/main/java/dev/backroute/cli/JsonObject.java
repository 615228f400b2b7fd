package dev.backroute.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.backroute.catalog.Manifests;

import java.io.PrintWriter;
import java.util.LinkedHashMap;

/**
 * An object of {@code --json} output. Its keys come out in the order they were put, so a command prints
 * the same bytes on every run (Map.of iterates in an order that changes from one JVM to the next); the
 * records it holds come out in their components' order. docs/json.md and docs/schemas/ are the contract.
 */
final class JsonObject extends LinkedHashMap<String, Object> {

    JsonObject with(String key, Object value) {
        put(key, value);
        return this;
    }

    /** Prints {@code document} as one JSON document, then flushes. */
    static void print(PrintWriter out, Object document) {
        try {
            out.println(Manifests.mapper().writeValueAsString(document));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot render the result as JSON", e);
        }
        out.flush();
    }
}
