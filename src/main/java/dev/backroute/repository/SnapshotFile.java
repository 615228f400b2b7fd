package dev.backroute.repository;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A {@code snapshots/<sha256>} object: a sealed JSON document (small: the tree itself is in chunks, this holds
 * its chunk list). Written last, after every pack and index file it needs, so a snapshot that exists is
 * complete. Read back only when the bytes hash to the name (a swapped or altered snapshot fails here) and the
 * seal opens (a forged one fails here); otherwise the exception names the snapshot.
 */
final class SnapshotFile {
    private static final byte[] ASSOCIATED = "backroute snapshot v1".getBytes(StandardCharsets.US_ASCII);
    /** 2: tree entries carry owner, change time, inode and a file's content digest (a files snapshot), see TreeWriter. */
    private static final int VERSION = 2;
    private static final int MAX_BYTES = 16 * 1024 * 1024;
    private static final ObjectMapper JSON = new ObjectMapper();

    private SnapshotFile() {}

    /** Stores the snapshot and returns it with its name. */
    static Snapshot write(BlobStore store, Sealer sealer, SnapshotInfo info, StoredStream tree, long entries, long totalBytes,
            Snapshot.Added added) throws IOException {
        ObjectNode root = JSON.createObjectNode();
        root.put("version", VERSION);
        root.put("type", info.type());
        root.put("backupId", info.backupId());
        root.put("started", info.started().toString());
        root.put("finished", info.finished().toString());
        root.put("kind", info.kind().name());
        ObjectNode source = root.putObject("source");
        new TreeMap<>(info.source()).forEach(source::put);
        ArrayNode chunks = root.putArray("tree");
        tree.chunks().forEach(id -> chunks.add(id.hex()));
        root.put("treeBytes", tree.size());
        root.put("entries", entries);
        root.put("totalBytes", totalBytes);
        ObjectNode a = root.putObject("added");
        a.put("chunks", added.chunks());
        a.put("bytes", added.bytes());
        a.put("storedBytes", added.storedBytes());
        a.put("packs", added.packs());
        byte[] sealed = sealer.seal(JSON.writeValueAsBytes(root), ASSOCIATED);
        if (sealed.length > MAX_BYTES) {
            // Refused now rather than committed as a snapshot every later read would refuse.
            throw new RepositoryException("snapshot of " + info.backupId() + " would be " + sealed.length + " bytes, more than the "
                    + MAX_BYTES + " a snapshot may have: its tree has too many chunks; raise the type's repository.chunk_min_kib"
                    + " and chunk_avg_kib for a new repository");
        }
        String id = ContentAddress.of(sealed);
        store.put(BlobName.snapshot(id), sealed);
        return new Snapshot(id, info, tree, entries, totalBytes, added);
    }

    static Snapshot read(BlobStore store, Sealer sealer, String name) throws IOException {
        byte[] plain;
        try {
            plain = sealer.open(ContentAddress.readVerified(store, name, MAX_BYTES, "snapshot"), ASSOCIATED);
        } catch (Sealer.SealBrokenException e) {
            throw new RepositoryCorruptException("snapshot " + name + " " + e.getMessage() + ": it was forged or made with another key");
        }
        try {
            JsonNode root = JSON.readTree(plain);
            if (root.path("version").asInt() != VERSION) {
                throw new RepositoryCorruptException("snapshot " + name + " has a version this Backroute does not read");
            }
            Map<String, String> source = new TreeMap<>();
            root.path("source").fields().forEachRemaining(f -> source.put(f.getKey(), f.getValue().asText()));
            SnapshotInfo info = new SnapshotInfo(text(root, "type"), text(root, "backupId"), Instant.parse(text(root, "started")),
                    Instant.parse(text(root, "finished")), Snapshot.Kind.valueOf(text(root, "kind")), source);
            List<ChunkId> tree = new ArrayList<>();
            for (JsonNode id : root.path("tree")) {
                tree.add(ChunkId.fromHex(id.asText()));
            }
            JsonNode a = root.path("added");
            Snapshot.Added added = new Snapshot.Added(a.path("chunks").asLong(), a.path("bytes").asLong(),
                    a.path("storedBytes").asLong(), a.path("packs").asLong());
            return new Snapshot(BlobName.idOf(name), info, new StoredStream(tree, root.path("treeBytes").asLong()),
                    root.path("entries").asLong(), root.path("totalBytes").asLong(), added);
        } catch (JsonProcessingException | DateTimeParseException | IllegalArgumentException e) {
            throw new RepositoryCorruptException("snapshot " + name + " is malformed"
                    // Only a field name (from text()) is named: other messages may quote what the storage holds.
                    + (e.getMessage() != null && e.getMessage().matches("[A-Za-z]{1,20}") ? ": field '" + e.getMessage() + "' is missing or not text" : ""));
        }
    }

    private static String text(JsonNode root, String field) {
        JsonNode node = root.get(field);
        if (node == null || !node.isTextual()) {
            throw new IllegalArgumentException(field);
        }
        return node.asText();
    }
}
