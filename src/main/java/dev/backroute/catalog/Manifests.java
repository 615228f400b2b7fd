package dev.backroute.catalog;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

import java.io.IOException;
import java.io.InputStream;

/** Reads and writes manifest JSON. Manifests are a few kilobytes, so they are the one thing held whole. */
public final class Manifests {
    public static final String SUFFIX = ".manifest.json";

    private static final ObjectMapper MAPPER = new ObjectMapper()
            .registerModule(new JavaTimeModule())
            .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .enable(SerializationFeature.INDENT_OUTPUT)
            // Newer Backroute versions may add fields; an older reader must still list those backups.
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    private Manifests() {}

    public static byte[] toJson(BackupRecord record) {
        try {
            return MAPPER.writeValueAsBytes(record);
        } catch (IOException e) {
            throw new IllegalStateException("manifest of " + record.id() + " cannot be serialized", e);
        }
    }

    public static BackupRecord fromJson(InputStream in, String where) throws IOException {
        BackupRecord record;
        try (in) {
            record = MAPPER.readValue(in, BackupRecord.class);
        } catch (com.fasterxml.jackson.core.JacksonException e) {
            throw new IOException("manifest " + where + " is not readable: " + e.getOriginalMessage(), e);
        }
        if (record == null || record.id() == null || record.type() == null || record.startedAt() == null
                || record.storage() == null || record.source() == null) {
            throw new IOException("manifest " + where + " is not a Backroute manifest: it lacks id, type, started_at,"
                    + " storage or source");
        }
        return record;
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
