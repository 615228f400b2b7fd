package dev.backroute.catalog;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * One backup as its manifest describes it. The manifest is the commit point of a backup: an artifact
 * without one is not a backup. Field names are the manifest's JSON keys in snake_case. {@code runId} is
 * the id of the first artifact of the run that made this one (equal to {@code id} when a run makes one).
 */
@JsonInclude(JsonInclude.Include.ALWAYS)
public record BackupRecord(
        int formatVersion,
        String id,
        String runId,
        String type,
        boolean success,
        String error,
        Instant startedAt,
        Instant finishedAt,
        String artifact,
        long rawBytes,
        long storedBytes,
        String sha256,
        String contentSha256,
        CompressionInfo compression,
        EncryptionInfo encryption,
        List<StoredCopy> storage,
        Map<String, Object> source,
        String host,
        String backrouteVersion,
        ValidationInfo validation,
        @JsonInclude(JsonInclude.Include.NON_NULL) String format,
        @JsonInclude(JsonInclude.Include.NON_NULL) Map<String, String> snapshots) {

    public static final int FORMAT_VERSION = 1;
    /** {@code format} of a backup in the type's repository; archive manifests carry no {@code format}. */
    public static final String REPOSITORY = "repository";

    /**
     * In the type's repository rather than one artifact: {@code snapshots} maps each storage target to the
     * snapshot there (each target holds a repository of its own, so the snapshots differ), and {@code artifact}
     * is the stream's name ({@code <id>.<base>}), never a stored file.
     */
    public boolean inRepository() {
        return REPOSITORY.equals(format);
    }

    /**
     * What a successful repository backup added to its first target's repository: the chunks it did not hold
     * yet, which its manifest records as {@code storedBytes}. Null for an archive, which stores itself whole, and
     * for a failed run. Not a manifest field: commands print it beside the manifest's own.
     */
    public Long addedBytes() {
        return success && inRepository() ? storedBytes : null;
    }

    /** An archive's record: no {@code format}, no {@code snapshots}. */
    public BackupRecord(int formatVersion, String id, String runId, String type, boolean success, String error, Instant startedAt,
            Instant finishedAt, String artifact, long rawBytes, long storedBytes, String sha256, String contentSha256,
            CompressionInfo compression, EncryptionInfo encryption, List<StoredCopy> storage, Map<String, Object> source,
            String host, String backrouteVersion, ValidationInfo validation) {
        this(formatVersion, id, runId, type, success, error, startedAt, finishedAt, artifact, rawBytes, storedBytes, sha256,
                contentSha256, compression, encryption, storage, source, host, backrouteVersion, validation, null, null);
    }

    public record CompressionInfo(String algorithm, int level) {}

    public record EncryptionInfo(String algorithm, long keyId) {}

    public record StoredCopy(String target, String uri) {}

    /**
     * The last check of the backup. {@code scope}: {@value #STORED} for the check right after a backup (the stored
     * bytes, nothing decoded), {@value #FULL} for a full read ({@code validate}, the scheduled validation); null in
     * manifests written before it was recorded.
     */
    public record ValidationInfo(Instant at, boolean success, String error,
            @JsonInclude(JsonInclude.Include.NON_NULL) String scope) {
        public static final String STORED = "stored";
        public static final String FULL = "full";

        public ValidationInfo(Instant at, boolean success, String error) {
            this(at, success, error, null);
        }
    }

    /** The manifest's file name, beside the artifact under the type folder. */
    public String manifestName() {
        return manifestNameFor(id);
    }

    public static String manifestNameFor(String id) {
        return id + ".manifest.json";
    }

    /** The artifact's name without the compression and encryption extensions: {@code <id>.tar}, {@code <id>.jsonl}. */
    public String artifactBaseName() {
        String name = artifact == null ? id : artifact;
        return name.replaceFirst("(\\.(gz|bz2|xz|zst))?(\\.enc)?$", "");
    }

    /** The same backup, stored as {@code storage} says, with {@code snapshots} (null for an archive): what copy records. */
    public BackupRecord withCopies(List<StoredCopy> storage, Map<String, String> snapshots) {
        return new BackupRecord(formatVersion, id, runId, type, success, error, startedAt, finishedAt, artifact, rawBytes,
                storedBytes, sha256, contentSha256, compression, encryption, List.copyOf(storage), source, host, backrouteVersion,
                validation, format, snapshots == null ? null : java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(snapshots)));
    }

    public BackupRecord withValidation(ValidationInfo v) {
        return new BackupRecord(formatVersion, id, runId, type, success, error, startedAt, finishedAt, artifact, rawBytes,
                storedBytes, sha256, contentSha256, compression, encryption, storage, source, host, backrouteVersion, v, format, snapshots);
    }
}
