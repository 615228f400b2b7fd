package dev.backroute.restore;

import dev.backroute.Errors;
import dev.backroute.catalog.BackupCatalog;
import dev.backroute.catalog.BackupRecord;
import dev.backroute.catalog.CatalogLock;
import dev.backroute.catalog.LocatedBackup;
import dev.backroute.catalog.Locks;
import dev.backroute.catalog.ManifestAuthority;
import dev.backroute.catalog.TypeLock;
import dev.backroute.catalog.TypeRepositories;
import dev.backroute.config.BackupConfig;
import dev.backroute.config.TypeConfig;
import dev.backroute.pipeline.DigestingInputStream;
import dev.backroute.repository.Backup;
import dev.backroute.repository.BackupOptions;
import dev.backroute.repository.Repository;
import dev.backroute.repository.RepositoryCorruptException;
import dev.backroute.repository.Snapshot;
import dev.backroute.repository.StoredStream;
import dev.backroute.repository.TreeDigest;
import dev.backroute.repository.TreeEntry;
import dev.backroute.repository.TreeReader;
import dev.backroute.storage.OwnerOnly;
import dev.backroute.storage.StorageTarget;
import dev.backroute.storage.StorageTargets;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code backroute copy}: brings the successful backups of a type that one of its storage targets holds to another of
 * its targets, oldest first, so that the second can restore them alone (seeding a new cloud target, or an offsite
 * copy). An archive is copied byte for byte, checked against its manifest's size and SHA-256 as it goes. A repository
 * snapshot is read and written again: each target's repository has its own key and chunker, so its chunks are cut
 * and sealed anew there and only those the destination lacks are stored (restic's {@code copy} between repositories
 * with different chunker parameters does the same); every chunk read is authenticated, every file checked against its
 * SHA-256 and the whole against the manifest before the snapshot is committed. Then every copy of the backup's
 * manifest names both targets. A backup the destination already holds is skipped, so a copy that was stopped is
 * simply run again; what it had uploaded is found again by deduplication. Under the type's lock, like a backup.
 */
public final class BackupCopier {
    private static final Logger LOG = LoggerFactory.getLogger(BackupCopier.class);

    /** What one copy did: the backups it copied and those the destination already held, oldest first. */
    public record Result(String type, String from, String to, List<String> copied, List<String> present) {}

    private final BackupConfig config;
    private final BackupCatalog catalog;
    private final TypeRepositories repositories;
    private final ManifestAuthority authority;
    private final Locks locks;

    public BackupCopier(BackupConfig config, BackupCatalog catalog, TypeRepositories repositories, ManifestAuthority authority,
            Locks locks) {
        this.config = config;
        this.catalog = catalog;
        this.repositories = repositories;
        this.authority = authority;
        this.locks = locks;
    }

    /** @throws IllegalArgumentException when a target is not one of the type's, or both are the same */
    public Result copy(String typeName, String fromName, String toName) throws IOException {
        TypeConfig type = config.type(typeName);
        StorageTarget from = target(type, fromName);
        StorageTarget to = target(type, toName);
        if (from.name().equals(to.name())) {
            throw new IllegalArgumentException("--from and --to are both '" + fromName + "': name two of " + type.name() + "'s targets");
        }
        Duration wait = Duration.ofMinutes(type.repository().lockWaitMinutes());
        List<String> copied = new ArrayList<>();
        List<String> present = new ArrayList<>();
        try (TypeLock lock = TypeLock.acquire(locks, type.name(), wait)) {
            removeStagedCopies(type);
            List<LocatedBackup> backups = new ArrayList<>(catalog.backups(type.name()));
            java.util.Collections.reverse(backups);
            for (LocatedBackup backup : backups) {
                BackupRecord record = backup.record();
                LocatedBackup.Copy source = copyOn(backup, from.name());
                if (!record.success() || source == null) {
                    continue;
                }
                if (holds(backup, to.name())) {
                    present.add(record.id());
                    continue;
                }
                try {
                    copyOne(type, backup, source, to, lock);
                } catch (RepositoryCorruptException e) {
                    throw new IntegrityException("backup " + record.id() + " on " + from.name() + ": " + e.getMessage(), e);
                }
                copied.add(record.id());
            }
        }
        return new Result(type.name(), from.name(), to.name(), copied, present);
    }

    private void copyOne(TypeConfig type, LocatedBackup backup, LocatedBackup.Copy source, StorageTarget to, TypeLock typeLock)
            throws IOException {
        BackupRecord record = backup.record();
        String uri;
        Map<String, String> snapshots = record.snapshots() == null ? null : new LinkedHashMap<>(record.snapshots());
        if (record.inRepository()) {
            Snapshot written = copySnapshot(type, record, source, to);
            snapshots.put(to.name(), written.name());
            String folder = to.uri(type.name(), StorageTarget.REPOSITORY_FOLDER).replaceFirst("/$", "");
            uri = folder + "/" + written.objectName();
        } else {
            copyArtifact(type, record, source, to);
            uri = to.uri(type.name(), record.artifact());
        }
        List<BackupRecord.StoredCopy> storage = new ArrayList<>(record.storage() == null ? List.of() : record.storage());
        storage.removeIf(c -> c.target().equals(to.name()));
        storage.add(new BackupRecord.StoredCopy(to.name(), uri));
        BackupRecord merged = record.withCopies(storage, snapshots);
        byte[] json = authority.toJson(merged);
        // The destination's manifest first (the backup is complete there now), then every other copy's, so that
        // whichever copy the catalog reads names both targets.
        try (CatalogLock lock = CatalogLock.acquire(locks, type.name())) {
            // A cluster lock whose session broke is free to another member's backup, whose first step removes what has
            // no manifest on the target: the copy just stored may be gone, so it is not recorded.
            if (!typeLock.held()) {
                throw new IOException("the lock of " + type.name() + " was lost before copying " + record.id() + " was recorded"
                        + " (its connection to the cluster database broke); run the copy again");
            }
            to.putManifest(type.name(), record.manifestName(), json);
            for (LocatedBackup.Copy other : backup.copies()) {
                if (other.target() != null && !other.name().equals(to.name())) {
                    other.target().putManifest(type.name(), record.manifestName(), json);
                }
            }
        }
        LOG.info("copied {} of {} from {} to {}", record.id(), type.name(), source.name(), to.name());
    }

    /** What a copy of this type killed while staging an artifact left: under the type's lock, no copy of it runs now. */
    private void removeStagedCopies(TypeConfig type) throws IOException {
        Path staging = config.backupDir().resolve(".staging");
        if (!Files.isDirectory(staging)) {
            return;
        }
        try (java.nio.file.DirectoryStream<Path> left = Files.newDirectoryStream(staging, type.name() + ".copy-*.tmp")) {
            for (Path file : left) {
                Files.deleteIfExists(file);
            }
        }
    }

    /** The artifact byte for byte, through a staged file: a target stores a whole file, all or nothing. */
    private void copyArtifact(TypeConfig type, BackupRecord record, LocatedBackup.Copy source, StorageTarget to) throws IOException {
        Path staging = OwnerOnly.createDirectories(config.backupDir().resolve(".staging"));
        Path staged = Files.createTempFile(staging, type.name() + ".copy-", ".tmp");
        try {
            try (InputStream in = source.artifact().open(); DigestingInputStream stored = new DigestingInputStream(in);
                 OutputStream out = Files.newOutputStream(staged)) {
                stored.transferTo(out);
                if (stored.count() != record.storedBytes() || !stored.sha256Hex().equals(record.sha256())) {
                    throw new IntegrityException("backup " + record.id() + " on " + source.name() + " does not match its manifest's"
                            + " stored_bytes/sha256 (damaged or replaced): not copied; run validate");
                }
            }
            to.putArtifact(type.name(), record.artifact(), staged);
        } finally {
            Files.deleteIfExists(staged);
        }
    }

    private Snapshot copySnapshot(TypeConfig type, BackupRecord record, LocatedBackup.Copy source, StorageTarget to)
            throws IOException {
        Repository from = repositories.forReading(type, source.target());
        Snapshot snapshot = SnapshotDecoder.snapshot(from, record, ArtifactForm.of(type, record), source);
        Repository into = repositories.forBackup(type, to);
        Path spool = OwnerOnly.createDirectories(config.backupDir().resolve(".staging").resolve(type.name() + ".packs"));
        BackupOptions options = new BackupOptions(type.compression(), type.compressionLevel(), type.repository().packSizeMib() * 1024 * 1024,
                spool, type.compressionThreads(), type.repository().uploadConnections(),
                Duration.ofMinutes(type.repository().lockWaitMinutes()));
        TreeDigest digest = new TreeDigest();
        String streamSha256 = null;
        long streamBytes = 0;
        try (Backup backup = into.newBackup(options); TreeReader tree = from.tree(snapshot)) {
            for (TreeEntry entry = tree.next(); entry != null; entry = tree.next()) {
                digest.add(entry);
                if (entry.kind() != TreeEntry.Kind.FILE) {
                    backup.add(entry);
                    continue;
                }
                StoredStream content;
                String sha256;
                try (DigestingInputStream in = new DigestingInputStream(from.read(entry))) {
                    content = backup.write(in);
                    sha256 = in.sha256Hex();
                    if (in.count() != entry.size() || entry.sha256() != null && !sha256.equals(entry.sha256())) {
                        throw new IntegrityException("file " + Errors.inert(entry.path()) + " of backup " + record.id() + " on "
                                + source.name() + " does not match its tree's size and SHA-256: not copied");
                    }
                }
                streamSha256 = sha256;
                streamBytes = entry.size();
                backup.add(TreeEntry.file(entry.path(), entry.attributes(), content, entry.sha256()));
            }
            String whole = snapshot.info().kind() == Snapshot.Kind.FILES ? digest.hex() : streamSha256;
            long bytes = snapshot.info().kind() == Snapshot.Kind.FILES ? digest.contentBytes() : streamBytes;
            if (!record.contentSha256().equals(whole) || bytes != record.rawBytes()) {
                throw new IntegrityException("backup " + record.id() + " on " + source.name() + " does not match its manifest's"
                        + " content_sha256/raw_bytes: not copied; run validate");
            }
            return backup.commit(snapshot.info());
        }
    }

    private StorageTarget target(TypeConfig type, String name) {
        List<StorageTarget> targets = StorageTargets.forType(config, type);
        return targets.stream().filter(t -> t.name().equals(name)).findFirst().orElseThrow(() -> new IllegalArgumentException(
                "'" + name + "' is not a storage target of " + type.name() + " (" + String.join(", ", type.storage())
                        + "): add it to the type's \"storage\" list first, then copy into it"));
    }

    private static LocatedBackup.Copy copyOn(LocatedBackup backup, String target) {
        return backup.copies().stream().filter(c -> c.name().equals(target) && c.target() != null).findFirst().orElse(null);
    }

    /** Whether {@code target} already has this backup: its manifest, and for a repository backup its snapshot named there. */
    private static boolean holds(LocatedBackup backup, String target) {
        BackupRecord record = backup.record();
        return copyOn(backup, target) != null && (!record.inRepository() || record.snapshots().containsKey(target));
    }
}
