package dev.backroute.backup;

import dev.backroute.BackrouteExchange;
import dev.backroute.Interruption;
import dev.backroute.catalog.BackupRecord;
import dev.backroute.catalog.BackupRecord.CompressionInfo;
import dev.backroute.catalog.BackupRecord.EncryptionInfo;
import dev.backroute.catalog.BackupRecord.StoredCopy;
import dev.backroute.config.TypeConfig;
import dev.backroute.pipeline.Content;
import dev.backroute.pipeline.ProgressListener;
import dev.backroute.repository.BlobName;
import dev.backroute.storage.StorageTarget;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The state of one backup as it moves through the stages ({@link RunStage}): each adds what it knows,
 * {@link WriteManifest} turns it into a {@link BackupRecord}. The routes carry it as the
 * {@link BackrouteExchange#RUN} exchange property, so their steps stay stateless beans.
 */
public final class BackupRun {
    private final BackupGroup group;
    private final String id;
    private final String unit;
    private final Instant startedAt;
    private final StringBuilder extension = new StringBuilder();
    private final Map<String, Object> source = new LinkedHashMap<>();
    private final List<StoredCopy> stored = new ArrayList<>();
    private final Map<String, String> snapshots = new LinkedHashMap<>();
    private final Interruption.Pending pending;

    private Content content;
    private SourceTree sourceTree;
    private CompressionInfo compression;
    private EncryptionInfo encryption;
    private String sourcePhase = "dump";
    private long expectedRawBytes = ProgressListener.UNKNOWN;
    private long rawBytes;
    private String contentSha256;
    private long storedBytes;
    private String sha256;
    private Path staged;

    /** {@code unit} names what this artifact holds within the run (a database), or null when a run makes one artifact. */
    public BackupRun(BackupGroup group, String id, String unit, Instant startedAt) {
        this.group = group;
        this.id = id;
        this.unit = unit;
        this.startedAt = startedAt;
        this.pending = Interruption.pending(this::discard);
        group.started(this);
    }

    /**
     * This artifact as unfinished work: until its manifest is written, an interrupt removes what it has
     * staged and stored. Its manifest, success or failure, is written through {@link Interruption.Pending#commit}.
     */
    public Interruption.Pending pending() { return pending; }

    /**
     * Removes what the artifact has staged and stored: no manifest will ever name it. A repository keeps the
     * packs (the next backup re-uses their chunks) but loses the snapshots committed so far.
     */
    public void discard() throws IOException {
        removeStaged();
        // An interrupt halts the JVM: the pack being spooled is never closed, so it goes here (the packs uploaded
        // stay, for the next backup to re-use). The folder goes too, so that a next pack the backup's thread
        // starts before the halt has nowhere to be written.
        removePackSpool();
        for (StorageTarget target : targets()) {
            discardOn(target);
        }
    }

    /** The backup's thread may start a pack between emptying the folder and removing it: then empty it again. */
    private void removePackSpool() throws IOException {
        for (int attempt = 1; ; attempt++) {
            clearPackSpool();
            try {
                Files.deleteIfExists(packSpool());
                return;
            } catch (java.nio.file.DirectoryNotEmptyException e) {
                if (attempt == 5) {
                    throw e;
                }
            }
        }
    }

    /** Removes what the artifact stored on {@code target}: the artifact, or the snapshot committed there. */
    public void discardOn(StorageTarget target) throws IOException {
        String snapshot = snapshots.get(target.name());
        if (snapshot != null) {
            target.repository(type().name()).delete(BlobName.snapshot(snapshot));
        } else if (!type().usesRepository()) {
            target.delete(type().name(), artifactName());
        }
    }

    /** Everything the artifact put in staging is named after its id: the artifact, and a source's own files (a pg_dump file). */
    public void removeStaged() throws IOException {
        if (!Files.isDirectory(stagingDir())) {
            return;
        }
        try (DirectoryStream<Path> files = Files.newDirectoryStream(stagingDir(), id + ".*")) {
            for (Path f : files) {
                Files.deleteIfExists(f);
            }
        }
    }

    /** Where a backup in the type's repository spools its packs: the type's own folder in staging. */
    public Path packSpool() { return stagingDir().resolve(type().name() + ".packs"); }

    /**
     * Empties {@link #packSpool}. The type's lock is held and its artifacts are stored one at a time, so whatever
     * is in it is this run's or was left by a run that was killed.
     */
    public void clearPackSpool() throws IOException {
        if (!Files.isDirectory(packSpool())) {
            return;
        }
        try (DirectoryStream<Path> files = Files.newDirectoryStream(packSpool())) {
            for (Path f : files) {
                Files.deleteIfExists(f);
            }
        }
    }

    public BackupGroup group() { return group; }

    public TypeConfig type() { return group.type(); }

    public String id() { return id; }

    public String unit() { return unit; }

    public Instant startedAt() { return startedAt; }

    public List<StorageTarget> targets() { return group.targets(); }

    public Path stagingDir() { return group.stagingDir(); }

    /** The artifact's file name: the id, then one extension per stage in the order they were applied. */
    public String artifactName() { return id + extension; }

    public void appendExtension(String ext) { extension.append(ext); }

    public Content content() {
        if (content == null) {
            throw new IllegalStateException("no source step ran before this step in the route for " + type().name());
        }
        return content;
    }

    public void content(Content c) { this.content = c; }

    /**
     * The source as a tree of files, for a source that has one (the files kind): the repository format walks it
     * and reads only the files that changed, where {@link #content} would read them all into one tar stream.
     */
    public Optional<SourceTree> sourceTree() { return Optional.ofNullable(sourceTree); }

    public void sourceTree(SourceTree tree) { this.sourceTree = tree; }

    public Map<String, Object> source() { return source; }

    public void compression(CompressionInfo c) { this.compression = c; }

    public CompressionInfo compression() { return compression; }

    public void encryption(EncryptionInfo e) { this.encryption = e; }

    public EncryptionInfo encryption() { return encryption; }

    /**
     * What the progress display calls producing the plaintext ({@code dump} unless the source step says
     * otherwise) and how many bytes it expects, or {@link ProgressListener#UNKNOWN}.
     */
    public void sourceProgress(String phase, long expectedBytes) {
        this.sourcePhase = phase;
        this.expectedRawBytes = expectedBytes;
    }

    public String sourcePhase() { return sourcePhase; }

    public long expectedRawBytes() { return expectedRawBytes; }

    /** Where this run's byte counts go: the CLI's display, or nowhere. */
    public ProgressListener progress() { return group.progress(); }

    public void contentDigest(long bytes, String sha) {
        this.rawBytes = bytes;
        this.contentSha256 = sha;
    }

    public long rawBytes() { return rawBytes; }

    public String contentSha256() { return contentSha256; }

    public void staged(Path file, long bytes, String sha) {
        this.staged = file;
        this.storedBytes = bytes;
        this.sha256 = sha;
    }

    public Path staged() { return staged; }

    public long storedBytes() { return storedBytes; }

    public String sha256() { return sha256; }

    public void storedAt(StoredCopy copy) { stored.add(copy); }

    public List<StoredCopy> storedCopies() { return Collections.unmodifiableList(stored); }

    /**
     * Committed to {@code target}'s repository as {@code snapshot}, having uploaded {@code packs} and
     * {@code storedBytes} new bytes there; the first target's figure is the backup's {@code stored_bytes}.
     */
    public void storedInRepository(StoredCopy copy, String snapshot, List<String> packs, long storedBytes) {
        if (snapshots.isEmpty()) {
            this.storedBytes = storedBytes;
        }
        stored.add(copy);
        snapshots.put(copy.target(), snapshot);
        group.packsWritten(id, copy.target(), packs);
    }

    /** Target name → snapshot, for a backup in the type's repository; empty for an archive. */
    public Map<String, String> snapshots() { return Collections.unmodifiableMap(snapshots); }

    public void finish(BackupRecord result) {
        group.finished(result);
    }

}
