package dev.backroute.backup;

import dev.backroute.Errors;
import dev.backroute.catalog.BackupCatalog;
import dev.backroute.catalog.BackupRecord.CompressionInfo;
import dev.backroute.catalog.BackupRecord.EncryptionInfo;
import dev.backroute.catalog.BackupRecord.StoredCopy;
import dev.backroute.catalog.TypeRepositories;
import dev.backroute.config.TypeConfig;
import dev.backroute.crypto.KeysetException;
import dev.backroute.pipeline.Handoff;
import dev.backroute.repository.Backup;
import dev.backroute.repository.BackupOptions;
import dev.backroute.repository.Repository;
import dev.backroute.repository.Snapshot;
import dev.backroute.repository.SnapshotInfo;
import dev.backroute.repository.TreeEntry;
import dev.backroute.storage.OwnerOnly;
import dev.backroute.storage.StorageTarget;
import org.apache.commons.io.function.IORunnable;
import org.apache.commons.io.function.IOSupplier;
import org.apache.commons.io.output.CloseShieldOutputStream;
import org.apache.commons.io.output.TeeOutputStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The store of a type whose format is {@code repository}, in place of compress, encrypt, stage and store: the
 * plaintext stream (or each changed file of a files source) goes once through the chunker of every target's
 * repository (each target holds a complete repository with its own key, so each cuts and seals its own chunks),
 * only chunks a repository does not hold are compressed, sealed and uploaded in packs, and each repository then
 * commits a snapshot of the stream (or of the tree).
 * Nothing is staged: memory is a chunk buffer and one pack spooled on disk per target.
 */
public final class RepositoryStore implements RunStage {
    private static final Logger LOG = LoggerFactory.getLogger(RepositoryStore.class);
    /** The stream's entry in its snapshot's tree is private to the operator, like a staged artifact. */
    private static final int STREAM_MODE = 0600;

    private final TypeRepositories repositories;
    private final BackupCatalog catalog;
    private final Clock clock;

    public RepositoryStore(TypeRepositories repositories, BackupCatalog catalog, Clock clock) {
        this.repositories = repositories;
        this.catalog = catalog;
        this.clock = clock;
    }

    private record Writing(StorageTarget target, Repository repository, Backup backup) {}

    @Override
    public void apply(BackupRun run) throws Exception {
        TypeConfig type = run.type();
        BackupOptions options = new BackupOptions(type.compression(), type.compressionLevel(),
                type.repository().packSizeMib() * 1024 * 1024, spool(run), type.compressionThreads(),
                type.repository().uploadConnections(), Duration.ofMinutes(type.repository().lockWaitMinutes()));
        List<Writing> writing = new ArrayList<>();
        try {
            for (StorageTarget target : run.targets()) {
                Repository repository = onTarget(target, () -> repositories.forBackup(type, target));
                writing.add(new Writing(target, repository, repository.newBackup(options)));
            }
            Optional<SourceTree> tree = run.sourceTree();
            if (tree.isPresent()) {
                storeFiles(run, tree.get(), writing);
            } else {
                storeStream(run, writing);
            }
        } catch (Exception e) {
            closeAll(writing, e);
            throw e;
        }
        closeAll(writing, null);
        run.compression(new CompressionInfo(type.compression().configName(), type.compressionLevel()));
        if (writing.stream().anyMatch(w -> w.repository().encrypted())) {
            run.encryption(new EncryptionInfo(Repository.ALGORITHM, repositories.keyset().primaryKeyId()));
        }
    }

    /** A dump or export: the stream, chunked by every target, becomes a snapshot with one file. */
    private void storeStream(BackupRun run, List<Writing> writing) throws Exception {
        List<Backup.StreamSink> sinks = new ArrayList<>();
        for (Writing w : writing) {
            sinks.add(w.backup().openStream());
        }
        try (OutputStream out = tee(sinks)) {
            if (run.type().compressionThreads() > 1) {
                // The source and its digest on a thread of their own, chunking and chunk ids on this one.
                Handoff.run(run.content(), out);
            } else {
                run.content().writeTo(out);
            }
        }
        for (int i = 0; i < writing.size(); i++) {
            Backup.StreamSink sink = sinks.get(i);
            Backup backup = writing.get(i).backup();
            commit(run, writing.get(i), Snapshot.Kind.STREAM,
                    () -> backup.add(TreeEntry.file(streamName(run), STREAM_MODE, Instant.EPOCH, sink.finish())));
        }
    }

    /**
     * A files source: walked entry by entry into every target's tree, each file read only when some target's files
     * cache does not have it unchanged. The digest of the tree stands for the content (see {@link FilesIntoRepository}).
     */
    private void storeFiles(BackupRun run, SourceTree tree, List<Writing> writing) throws IOException {
        List<PreviousTree> caches = new ArrayList<>();
        try {
            Map<String, String> latest = run.type().repository().filesCache() && !run.group().readAll()
                    ? latestSnapshots(run) : Map.of();
            List<FilesIntoRepository.Target> targets = new ArrayList<>();
            for (Writing w : writing) {
                PreviousTree cache = cache(run, w, latest.get(w.target().name()), tree);
                if (cache != null) {
                    caches.add(cache);
                }
                targets.add(new FilesIntoRepository.Target(w.backup(), cache));
            }
            FilesIntoRepository files = new FilesIntoRepository(targets);
            run.progress().begin(run.sourcePhase(), run.expectedRawBytes(), files::bytes);
            tree.walk(files);
            run.progress().end();
            run.contentDigest(files.digest().contentBytes(), files.digest().hex());
            run.source().put("unchanged_files", files.filesUnchanged());
            LOG.info("{}: read {} files, {} unchanged since the last snapshot were not read", run.id(), files.filesRead(),
                    files.filesUnchanged());
        } finally {
            for (PreviousTree cache : caches) {
                cache.close();
            }
        }
        for (Writing w : writing) {
            commit(run, w, Snapshot.Kind.FILES, () -> { });
        }
    }

    /** Where the catalog cannot be read, every file is read: the cache saves time, it decides nothing. */
    private Map<String, String> latestSnapshots(BackupRun run) {
        try {
            return catalog.latestSnapshots(run.type().name());
        } catch (IOException | RuntimeException e) {
            LOG.warn("files cache off for {}: the last backups could not be listed ({}); every file is read", run.id(),
                    Errors.describe(e));
            return Map.of();
        }
    }

    /**
     * The files cache on one target. Only an encrypted repository's tree is authenticated: a clear one's can be
     * rewritten by anyone who can write the storage, and a forged entry would then carry their content into every
     * later backup of a file that did not change. So a clear repository reads every file.
     */
    private static PreviousTree cache(BackupRun run, Writing w, String snapshot, SourceTree tree) {
        if (snapshot == null) {
            return null;
        }
        if (!w.repository().encrypted()) {
            LOG.info("files cache off on target '{}': its repository is not encrypted, so its last tree is not trusted;"
                    + " every file is read", w.target().name());
            return null;
        }
        try {
            return PreviousTree.of(w.repository(), w.repository().snapshot(snapshot), run.type().name(), tree.order());
        } catch (IOException | RuntimeException e) {
            LOG.warn("files cache off on target '{}': snapshot {} of the last backup could not be read ({}); every file is read",
                    w.target().name(), Errors.inert(snapshot), Errors.describe(e));
            return null;
        }
    }

    /**
     * Ends every target's backup: after a commit that does nothing; otherwise the packs uploaded so far are
     * indexed for the next backup to re-use. While failing, a failure to close is added to the first one.
     */
    private static void closeAll(List<Writing> writing, Exception failing) throws IOException {
        IOException first = null;
        for (Writing w : writing) {
            try {
                w.backup().close();
            } catch (IOException e) {
                if (failing != null) {
                    failing.addSuppressed(e);
                } else if (first == null) {
                    first = e;
                }
            }
        }
        if (first != null) {
            throw first;
        }
    }

    /** Adds what is left of the tree ({@code last}), then commits this target's snapshot and records it on the run. */
    private void commit(BackupRun run, Writing w, Snapshot.Kind kind, IORunnable last) throws IOException {
        StorageTarget target = w.target();
        Snapshot snapshot = onTarget(target, () -> {
            last.run();
            return w.backup().commit(info(run, kind));
        });
        // A local target's URI of an existing folder ends in '/' (Path.toUri), an object store's does not.
        String folder = target.uri(run.type().name(), StorageTarget.REPOSITORY_FOLDER).replaceFirst("/$", "");
        run.storedInRepository(new StoredCopy(target.name(), folder + "/" + snapshot.objectName()),
                snapshot.name(), w.backup().packsWritten(), snapshot.added().storedBytes());
        LOG.info("stored {} in the repository on target '{}' as snapshot {}: {} new chunks, {} bytes in {} packs", run.id(),
                target.name(), snapshot.name(), snapshot.added().chunks(), snapshot.added().storedBytes(), snapshot.added().packs());
    }

    /**
     * The stream's name in the snapshot's tree: what it is ({@code data_files.tar}, {@code movies.dump}), not the
     * backup's id, and no time, so that backing up the same bytes again stores no new tree chunk, hence no pack.
     */
    private static String streamName(BackupRun run) {
        String extension = run.artifactName().substring(run.id().length());
        return (run.unit() != null ? run.unit() : run.type().name()) + extension;
    }

    private SnapshotInfo info(BackupRun run, Snapshot.Kind kind) {
        Map<String, String> source = new LinkedHashMap<>();
        run.source().forEach((k, v) -> source.put(k, String.valueOf(v)));
        return new SnapshotInfo(run.type().name(), run.id(), run.startedAt(), clock.instant(), kind, source);
    }

    /** Every target's chunker sees every byte; one target needs no tee. */
    static OutputStream tee(List<Backup.StreamSink> sinks) {
        OutputStream out = sinks.get(0);
        for (int i = 1; i < sinks.size(); i++) {
            out = new TeeOutputStream(out, sinks.get(i));
        }
        // Closing must not end the sinks: finish() does, once the content was written whole.
        return CloseShieldOutputStream.wrap(out);
    }

    /** The type's own spool folder under staging, emptied of what a run that was killed left there. */
    private static Path spool(BackupRun run) throws IOException {
        Path folder = OwnerOnly.createDirectories(run.packSpool());
        run.clearPackSpool();
        return folder;
    }

    private static <T> T onTarget(StorageTarget target, IOSupplier<T> call) throws IOException {
        try {
            return call.get();
        } catch (KeysetException e) {
            throw e;
        } catch (IOException | RuntimeException e) {
            throw new IOException("storing on target '" + target.name() + "' failed: " + Errors.describe(e), e);
        }
    }
}
