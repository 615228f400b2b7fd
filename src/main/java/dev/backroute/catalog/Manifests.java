package dev.backroute.catalog;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dev.backroute.crypto.ManifestMac;

import java.io.IOException;
import java.io.InputStream;

/** Reads and writes manifest JSON. Manifests are a few kilobytes, so they are the one thing held whole. */
public final class Manifests {
    public static final String SUFFIX = ".manifest.json";
    private static final String MAC_FIELD = "mac";
    /** Manifests are a few kilobytes; a bigger object under a manifest name is not read whole. */
    private static final int MAX_SIZE = 1 << 20;

    private static final ObjectMapper MAPPER = new ObjectMapper()
            .registerModule(new JavaTimeModule())
            .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .enable(SerializationFeature.INDENT_OUTPUT)
            // Newer Backroute versions may add fields; an older reader must still list those backups.
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    private Manifests() {}

    /** A manifest as read: the record, the seal it carries (null when none), and the bytes the seal covers. */
    public record Parsed(BackupRecord record, ManifestMac.Seal seal, byte[] canonical) {}

    /**
     * A JSON object as read from storage, its seal taken out: {@code canonical} is what the seal covers (null when
     * there is none). Manifests and the other records Backroute writes beside them (drill records) are read so.
     */
    public record Sealed(ObjectNode tree, ManifestMac.Seal seal, byte[] canonical) {}

    /** The manifest file's bytes, sealed with {@code mac} unless it is null (no keyset configured). */
    public static byte[] toJson(BackupRecord record, ManifestMac mac) {
        return sealedJson(record, mac);
    }

    /** {@code value} as JSON (snake_case, ISO times), sealed with {@code mac} unless it is null. */
    public static byte[] sealedJson(Object value, ManifestMac mac) {
        try {
            // Sealed as it will be read back: the canonical form of the parsed bytes, not of the Java objects.
            ObjectNode tree = (ObjectNode) MAPPER.readTree(MAPPER.writeValueAsBytes(value));
            if (mac != null) {
                tree.set(MAC_FIELD, MAPPER.valueToTree(mac.seal(CanonicalJson.bytes(tree))));
            }
            return MAPPER.writeValueAsBytes(tree);
        } catch (IOException e) {
            throw new IllegalStateException(value.getClass().getSimpleName() + " cannot be serialized", e);
        }
    }

    /**
     * Reads a sealed JSON object of at most 1 MiB; {@code what} names it in errors ("manifest", "drill record"). The
     * seal is parsed, not checked: {@link ManifestAuthority} does that.
     */
    public static Sealed readSealed(InputStream in, String what, String where) throws IOException {
        try (in) {
            byte[] bytes = in.readNBytes(MAX_SIZE + 1);
            if (bytes.length > MAX_SIZE) {
                throw new IOException(what + " " + where + " is larger than " + MAX_SIZE / 1024 + " KiB: not a Backroute " + what);
            }
            JsonNode node = MAPPER.readTree(bytes);
            if (!(node instanceof ObjectNode tree)) {
                throw new IOException(what + " " + where + " is not a JSON object");
            }
            JsonNode sealNode = tree.remove(MAC_FIELD);
            ManifestMac.Seal seal = sealNode == null || sealNode.isNull() ? null : MAPPER.treeToValue(sealNode, ManifestMac.Seal.class);
            return new Sealed(tree, seal, CanonicalJson.bytes(tree));
        } catch (com.fasterxml.jackson.core.JacksonException e) {
            throw new IOException(what + " " + where + " is not readable: " + e.getOriginalMessage(), e);
        }
    }

    public static byte[] toJson(BackupRecord record) {
        return toJson(record, null);
    }

    public static BackupRecord fromJson(InputStream in, String where) throws IOException {
        return parse(in, where).record();
    }

    public static Parsed parse(InputStream in, String where) throws IOException {
        Sealed sealed = readSealed(in, "manifest", where);
        BackupRecord record;
        try {
            record = MAPPER.treeToValue(sealed.tree(), BackupRecord.class);
        } catch (com.fasterxml.jackson.core.JacksonException e) {
            throw new IOException("manifest " + where + " is not readable: " + e.getOriginalMessage(), e);
        }
        if (record == null || record.id() == null || record.type() == null || record.startedAt() == null
                || record.storage() == null || record.source() == null) {
            throw new IOException("manifest " + where + " is not a Backroute manifest: it lacks id, type, started_at,"
                    + " storage or source");
        }
        return new Parsed(record, sealed.seal(), sealed.canonical());
    }

    public static ObjectMapper mapper() {
        return MAPPER;
    }

    public static boolean isManifestName(String fileName) {
        return fileName.endsWith(SUFFIX);
    }

    public static String idOf(String manifestName) {
        return manifestName.substring(0, manifestName.length() - SUFFIX.length());
    }
}
