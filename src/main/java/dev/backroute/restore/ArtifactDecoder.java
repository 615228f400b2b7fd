package dev.backroute.restore;

import dev.backroute.Errors;
import dev.backroute.archive.PathPatterns;
import dev.backroute.archive.UnsafeEntryException;
import dev.backroute.catalog.ArtifactSource;
import dev.backroute.catalog.BackupRecord;
import dev.backroute.catalog.LocatedBackup;
import dev.backroute.catalog.TypeRepositories;
import dev.backroute.config.BackupConfig;
import dev.backroute.config.EncryptionConfig;
import dev.backroute.crypto.AssociatedData;
import dev.backroute.crypto.KeyMismatchException;
import dev.backroute.crypto.Keyset;
import dev.backroute.pipeline.Compression;
import dev.backroute.pipeline.DigestingInputStream;
import dev.backroute.pipeline.Handoff;
import dev.backroute.pipeline.ProgressListener;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Map;

/**
 * Reads a stored artifact back in one streaming pass: stored bytes → decrypt → decompress → the
 * caller's reader, then checks the stored and plaintext SHA-256 and sizes against the manifest. A backup in
 * the type's repository is read from its snapshot instead ({@link SnapshotDecoder}), with the same plaintext checks. When
 * decoding fails part way, the rest of the stored bytes are still read so a changed or truncated
 * artifact is reported as such, not as whatever decoding error it happened to cause.
 */
public final class ArtifactDecoder {
    private static final Logger LOG = LoggerFactory.getLogger(ArtifactDecoder.class);
    private static final int BUFFER = 1 << 20;

    private final BackupConfig config;
    private final Map<String, String> env;
    private final ProgressListener progress;
    private final String phase;
    private final PathPatterns selection;
    private final SnapshotDecoder snapshots;

    public ArtifactDecoder(BackupConfig config, Map<String, String> env) {
        this(config, env, ProgressListener.NONE, "read", PathPatterns.ALL);
    }

    private ArtifactDecoder(BackupConfig config, Map<String, String> env, ProgressListener progress, String phase,
            PathPatterns selection) {
        this.config = config;
        this.env = env;
        this.progress = progress;
        this.phase = phase;
        this.selection = selection;
        this.snapshots = new SnapshotDecoder(config, new TypeRepositories(config, env));
    }

    /** This decoder, reporting the stored bytes of each copy it reads to {@code progress} as a {@code phase}. */
    public ArtifactDecoder reporting(ProgressListener progress, String phase) {
        return new ArtifactDecoder(config, env, progress, phase, selection);
    }

    /**
     * This decoder, reading of a files backup in a repository only the files {@code selection} selects: its plaintext
     * holds those and the directories above them (the tree is still read whole and checked against the manifest). An
     * archive is one stream, read and checked whole whatever the selection: its reader picks the entries.
     */
    public ArtifactDecoder selecting(PathPatterns selection) {
        return new ArtifactDecoder(config, env, progress, phase, selection);
    }

    /** The structure check of a backup's plaintext, by the kind its type's config gives. */
    public PlaintextReader<String> structureCheck(BackupRecord record) throws IntegrityException {
        return ContentCheck.of(form(record), record);
    }

    /** How the config says the backup must be opened; the manifest only has to agree. */
    public ArtifactForm form(BackupRecord record) throws IntegrityException {
        return ArtifactForm.of(config.type(record.type()), record);
    }

    /** Reads the plaintext; must consume what it needs and may stop early (the rest is drained for the digest). */
    @FunctionalInterface
    public interface PlaintextReader<T> {
        T read(InputStream plaintext) throws IOException;
    }

    /** Undoes what a failed attempt wrote before the next copy is tried. */
    @FunctionalInterface
    public interface Cleanup {
        void run() throws IOException;
    }

    /**
     * Decodes the first stored copy that verifies, trying the backup's copies in storage order: a
     * damaged copy on one target does not stop a recovery that another target can serve.
     */
    public <T> T decodeAnyCopy(LocatedBackup backup, PlaintextReader<T> reader, Cleanup beforeRetry) throws IOException {
        IOException first = null;
        for (LocatedBackup.Copy copy : backup.copies()) {
            try {
                return decode(backup.record(), copy, reader);
            } catch (IOException e) {
                LOG.error("copy of {} on {} cannot be restored: {}", backup.record().id(), copy.name(), Errors.describe(e));
                first = first == null ? e : first;
                beforeRetry.run();
            }
        }
        throw first != null ? first : new IntegrityException("backup " + backup.record().id() + " has no stored copy to read");
    }

    /** One copy's plaintext to {@code reader}, from its artifact or from its target's repository. */
    public <T> T decode(BackupRecord record, LocatedBackup.Copy copy, PlaintextReader<T> reader) throws IOException {
        ArtifactForm form = form(record);
        if (record.inRepository()) {
            return snapshots.decode(record, form, copy, selection, reader, progress, phase);
        }
        return decodeArtifact(record, form, copy.artifact(), reader);
    }

    /**
     * The check right after a backup that {@code copy} holds what was written, without decoding it: an artifact's
     * stored bytes against the manifest's size and SHA-256; a repository backup's snapshot and the {@code packs} it
     * added there.
     */
    public String checkStored(BackupRecord record, LocatedBackup.Copy copy, List<String> packs) throws IOException {
        if (record.inRepository()) {
            return snapshots.checkAdded(record, form(record), copy, packs);
        }
        return StoredBytes.check(record, copy.artifact(), progress, phase);
    }

    private <T> T decodeArtifact(BackupRecord record, ArtifactForm form, ArtifactSource source, PlaintextReader<T> reader)
            throws IOException {
        Keyset keyset = form.encrypted() ? keysetFor(record) : null;
        try (InputStream raw = source.open()) {
            DigestingInputStream stored = new DigestingInputStream(new BufferedInputStream(raw, BUFFER));
            progress.begin(phase, record.storedBytes(), stored::count);
            T result;
            // Reading, the stored digest and decryption on one thread; decompression on a second one;
            // the content digest and the caller's reader (extraction) on this one. On two cores the
            // three take turns instead of decompression and extraction queueing on one thread.
            Handoff.ReadAhead decrypted = null;
            InputStream decompressor = null;
            Handoff.ReadAhead decompressed = null;
            DigestingInputStream plaintext = null;
            try {
                InputStream s = keyset == null ? stored : keyset.decrypt(stored, AssociatedData.of(record.id()));
                decrypted = Handoff.readAhead(s);
                Compression compression = form.compression();
                decompressor = compression.decompress(decrypted);
                decompressed = compression == Compression.NONE ? null : Handoff.readAhead(decompressor);
                plaintext = new DigestingInputStream(decompressed == null ? decompressor : decompressed);
                result = reader.read(plaintext);
                plaintext.drain();
                if (decompressed != null) {
                    decompressed.close();
                }
                decrypted.drain();
                decrypted.close();
                stored.drain();
            } catch (IOException | RuntimeException e) {
                // Each reader thread stops before the stream it reads from is closed or drained here.
                if (decompressed != null) {
                    decompressed.close();
                }
                closeQuietly(decompressor);
                if (decrypted != null) {
                    decrypted.close();
                }
                drainQuietly(stored);
                StoredBytes.verify(record, source, stored);
                if (e instanceof KeyMismatchException) {
                    throw foreign(record, source, keyset);
                }
                if (e instanceof IntegrityException || e instanceof UnsafeEntryException) {
                    throw (IOException) e;
                }
                throw new IntegrityException("backup " + record.id() + " on " + source.name() + ": "
                        + Errors.describe(e), e);
            }
            // Frees the decompressor's native state (zlib, zstd) now rather than at garbage collection.
            decompressor.close();
            StoredBytes.verify(record, source, stored);
            if (plaintext.count() != record.rawBytes() || !plaintext.sha256Hex().equals(record.contentSha256())) {
                throw new IntegrityException("backup " + record.id() + " on " + source.name()
                        + ": decoded content does not match the manifest's content_sha256/raw_bytes; the backup is corrupt");
            }
            progress.end();
            return result;
        }
    }

    /**
     * The keyset holds the key the manifest names, and the stored bytes are the ones the manifest describes,
     * yet the first segment does not open with this backup's id as associated data: the artifact was made
     * for another backup (or under another key that the manifest misnames) and put in this one's place.
     */
    private static IntegrityException foreign(BackupRecord record, ArtifactSource source, Keyset keyset) {
        return new IntegrityException("backup " + record.id() + " on " + source.name() + ": the artifact does not belong to"
                + " this backup id: it does not decrypt as " + record.id() + " with key " + record.encryption().keyId()
                + " of " + keyset.source() + " (an artifact of another backup was put in its place)");
    }

    private Keyset keysetFor(BackupRecord record) throws KeyMismatchException {
        EncryptionConfig encryption = config.encryption();
        if (encryption == null) {
            throw new KeyMismatchException("backup " + record.id() + " is encrypted, but no keyset is configured: set"
                    + " encryption.keyset_file or the keyset environment variable to the keyset it was made with");
        }
        Keyset keyset = Keyset.load(encryption.keysetFile(), encryption.keysetEnv(), env);
        long keyId = record.encryption().keyId();
        if (!keyset.keyIds().contains(keyId)) {
            throw new KeyMismatchException("the encryption key does not match: backup " + record.id() + " was encrypted with key id "
                    + keyId + ", which is not in " + keyset.source() + " (key ids " + keyset.keyIds()
                    + "); use the keyset it was made with");
        }
        return keyset;
    }

    private static void closeQuietly(InputStream in) {
        try {
            if (in != null) {
                in.close();
            }
        } catch (IOException ignored) {
            // Already failing; the first error is the one reported.
        }
    }

    private static void drainQuietly(DigestingInputStream stored) {
        try {
            stored.drain();
        } catch (IOException ignored) {
            // The stored bytes could not be read to the end; the size check reports it.
        }
    }
}
