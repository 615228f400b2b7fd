package dev.backroute.cli;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.backroute.catalog.BackupRecord;
import dev.backroute.catalog.Manifests;

import java.io.PrintWriter;
import java.util.LinkedHashMap;

/**
 * An object of {@code --json} output. Its keys come out in the order they were put, so a command prints
 * the same bytes on every run (Map.of iterates in an order that changes from one JVM to the next); the
 * records it holds come out in their components' order. docs/json.md and docs/schemas/ are the contract.
 */
final class JsonObject extends LinkedHashMap<String, Object> {

    /** Manifests as written, plus what the output adds to each ({@link ManifestOutput}). */
    private static final ObjectMapper OUTPUT = Manifests.mapper().copy().addMixIn(BackupRecord.class, ManifestOutput.class);

    JsonObject with(String key, Object value) {
        put(key, value);
        return this;
    }

    /** Prints {@code document} as one JSON document, then flushes. */
    static void print(PrintWriter out, Object document) {
        try {
            out.println(OUTPUT.writeValueAsString(document));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot render the result as JSON", e);
        }
        out.flush();
    }

    /**
     * A manifest in the output carries {@code added_bytes} right after {@code stored_bytes}: a repository backup's
     * {@code stored_bytes} is only what it added, and the key says so. It is never written into a manifest.
     */
    @JsonPropertyOrder({"format_version", "id", "run_id", "type", "success", "error", "started_at", "finished_at", "artifact",
            "raw_bytes", "stored_bytes", "added_bytes"})
    private abstract static class ManifestOutput {
        @JsonProperty("added_bytes")
        abstract Long addedBytes();
    }
}
