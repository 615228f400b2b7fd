package dev.backroute.restore;

import dev.backroute.Errors;
import dev.backroute.archive.PathPatterns;
import dev.backroute.catalog.BackupRecord;
import dev.backroute.catalog.LocatedBackup;
import dev.backroute.catalog.TypeRepositories;
import dev.backroute.config.BackupConfig;
import dev.backroute.pipeline.DigestingInputStream;
import dev.backroute.pipeline.Handoff;
import dev.backroute.pipeline.ProgressListener;
import dev.backroute.repository.Repository;
import dev.backroute.repository.RepositoryCorruptException;
import dev.backroute.repository.Snapshot;
import dev.backroute.repository.TreeDigest;
import dev.backroute.repository.TreeEntry;
import dev.backroute.repository.TreeReader;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;

/**
 * Reads a backup kept in its type's repository: the snapshot its manifest names on the copy's target, which
 * must open (authenticated, its bytes matching its name) and say it is this backup of this type; then its
 * stream, or for a files type its tree as a tar stream ({@link SnapshotTar}), every chunk authenticated and its id
 * recomputed as it is read, then the headers of the packs it read from, and last the plaintext's size and SHA-256
 * (a files snapshot: the digest of its tree, see {@code TreeDigest}) against the manifest, as for an archive. Of a files
 * snapshot, only the files that {@link PathPatterns} select are read; the tree is read whole.
 */
final class SnapshotDecoder {
    private final BackupConfig config;
    private final TypeRepositories repositories;

    SnapshotDecoder(BackupConfig config, TypeRepositories repositories) {
        this.config = config;
        this.repositories = repositories;
    }

    <T> T decode(BackupRecord record, ArtifactForm form, LocatedBackup.Copy copy, PathPatterns selection,
            ArtifactDecoder.PlaintextReader<T> reader, ProgressListener progress, String phase) throws IOException {
        try {
            Repository repository = open(record, copy);
            Snapshot snapshot = snapshot(repository, record, form, copy);
            T result = snapshot.info().kind() == Snapshot.Kind.FILES
                    ? readFiles(repository, snapshot, selection, record, copy, reader, progress, phase)
                    : readStream(repository, snapshot, record, copy, reader, progress, phase);
            progress.end();
            return result;
        } catch (RepositoryCorruptException e) {
            throw new IntegrityException("backup " + record.id() + " on " + copy.name() + ": " + e.getMessage(), e);
        }
    }

    private static <T> T readStream(Repository repository, Snapshot snapshot, BackupRecord record, LocatedBackup.Copy copy,
            ArtifactDecoder.PlaintextReader<T> reader, ProgressListener progress, String phase) throws IOException {
        try (InputStream stream = repository.read(snapshot)) {
            // Unbuffered: the stream hands out its verified chunks from its own arrays; a buffer would copy every
            // byte once more.
            DigestingInputStream plaintext = new DigestingInputStream(stream);
            progress.begin(phase, record.rawBytes(), plaintext::count);
            T result = reader.read(plaintext);
            plaintext.drain();
            repository.checkPacks(snapshot);
            matchManifest(record, copy, snapshot, plaintext.count(), plaintext.sha256Hex(), "its stream");
            return result;
        }
    }

    /**
     * A files snapshot, read as the tar stream its archive would have been (built on a thread of its own); every file
     * checked against its digest on the way, and the digest of the whole tree against the manifest at the end.
     */
    private static <T> T readFiles(Repository repository, Snapshot snapshot, PathPatterns selection, BackupRecord record,
            LocatedBackup.Copy copy, ArtifactDecoder.PlaintextReader<T> reader, ProgressListener progress, String phase)
            throws IOException {
        SnapshotTar tar = new SnapshotTar(repository, snapshot, selection);
        T result;
        try (Handoff.ReadAhead stream = Handoff.produced(tar::writeTo)) {
            progress.begin(phase, record.rawBytes(), tar::fileBytes);
            result = reader.read(stream);
            stream.drain();
        }
        repository.checkPacks(snapshot);
        matchManifest(record, copy, snapshot, tar.digest().contentBytes(), tar.digest().hex(), "its tree");
        return result;
    }

    /** Takes a files snapshot's entries one by one, with the repository that reads a file's content. */
    @FunctionalInterface
    interface TreeVisitor {
        void entry(Repository repository, TreeEntry entry) throws IOException;
    }

    /**
     * A files snapshot's tree, entry by entry in the backup's order, opened and matched to the manifest as {@link #decode}
     * does; once the last entry was visited, the tree's digest against the manifest. The files' contents are read only
     * where the visitor asks for them.
     */
    void walkTree(BackupRecord record, ArtifactForm form, LocatedBackup.Copy copy, TreeVisitor visitor) throws IOException {
        try {
            Repository repository = open(record, copy);
            Snapshot snapshot = snapshot(repository, record, form, copy);
            if (snapshot.info().kind() != Snapshot.Kind.FILES) {
                throw new IllegalArgumentException("backup " + record.id() + " holds one stream, not a tree of files");
            }
            TreeDigest digest = new TreeDigest();
            try (TreeReader tree = repository.tree(snapshot)) {
                for (TreeEntry entry = tree.next(); entry != null; entry = tree.next()) {
                    digest.add(entry);
                    visitor.entry(repository, entry);
                }
            }
            matchManifest(record, copy, snapshot, digest.contentBytes(), digest.hex(), "its tree");
        } catch (RepositoryCorruptException e) {
            throw new IntegrityException("backup " + record.id() + " on " + copy.name() + ": " + e.getMessage(), e);
        }
    }

    private static void matchManifest(BackupRecord record, LocatedBackup.Copy copy, Snapshot snapshot, long bytes, String sha256,
            String what) throws IntegrityException {
        if (bytes != record.rawBytes() || !sha256.equals(record.contentSha256())) {
            throw new IntegrityException("backup " + record.id() + " on " + copy.name() + ": " + what + " in snapshot " + snapshot.name()
                    + " does not match the manifest's content_sha256/raw_bytes; the backup is corrupt");
        }
    }

    /**
     * The check right after a backup: its snapshot opens as this backup, and each pack it uploaded is stored
     * as written (its bytes hash to its name). Nothing is decrypted or decompressed; the rest of the repository
     * was checked when it was new, and the scheduled validation reads whole snapshots.
     */
    String checkAdded(BackupRecord record, ArtifactForm form, LocatedBackup.Copy copy, List<String> packs) throws IOException {
        try {
            Repository repository = open(record, copy);
            Snapshot snapshot = snapshot(repository, record, form, copy);
            for (String pack : packs) {
                repository.checkStored(pack);
            }
            return "snapshot " + snapshot.name() + " opens as this backup; the " + packs.size()
                    + " packs it added match their names (not decrypted or decompressed)";
        } catch (RepositoryCorruptException e) {
            throw new IntegrityException("backup " + record.id() + " on " + copy.name() + ": " + e.getMessage(), e);
        }
    }

    private Repository open(BackupRecord record, LocatedBackup.Copy copy) throws IOException {
        if (copy.target() == null) {
            throw new IntegrityException("backup " + record.id() + " is kept in the repository of " + record.type()
                    + ": give its id or " + record.type() + ":latest, not a file path");
        }
        try {
            return repositories.forReading(config.type(record.type()), copy.target());
        } catch (RepositoryCorruptException e) {
            throw e;
        } catch (IOException e) {
            throw new IOException("the repository of " + record.type() + " on " + copy.name() + ": " + Errors.describe(e), e);
        }
    }

    /**
     * The manifest's snapshot on this target, which must be this backup's, and of the kind the type's config calls for
     * (a tree of files for a files type, one stream for a database): a snapshot of another is refused.
     */
    static Snapshot snapshot(Repository repository, BackupRecord record, ArtifactForm form, LocatedBackup.Copy copy)
            throws IOException {
        String name = record.snapshots() == null ? null : record.snapshots().get(copy.name());
        if (name == null) {
            throw new IntegrityException("backup " + record.id() + " names no snapshot on target " + copy.name()
                    + ": its manifest lists it there but not its snapshot");
        }
        Snapshot snapshot = repository.snapshot(name);
        Snapshot.Kind kind = "files".equals(form.kind()) ? Snapshot.Kind.FILES : Snapshot.Kind.STREAM;
        if (snapshot.info().kind() != kind) {
            throw new IntegrityException("backup " + record.id() + " on " + copy.name() + ": snapshot " + name + " holds "
                    + (snapshot.info().kind() == Snapshot.Kind.FILES ? "a tree of files" : "one stream") + ", but "
                    + record.type() + " is of kind " + form.kind() + ": the manifest was pointed at a snapshot of another kind");
        }
        if (!record.id().equals(snapshot.info().backupId()) || !record.type().equals(snapshot.info().type())) {
            throw new IntegrityException("backup " + record.id() + " on " + copy.name() + ": snapshot " + name + " is "
                    + Errors.inert(snapshot.info().type()) + " backup " + Errors.inert(snapshot.info().backupId())
                    + ", not this one: the manifest was pointed at another backup's snapshot");
        }
        return snapshot;
    }
}
