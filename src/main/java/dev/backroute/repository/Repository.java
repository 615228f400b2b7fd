package dev.backroute.repository;

import dev.backroute.pipeline.DigestingInputStream;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.NoSuchFileException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * A deduplicating repository in a {@link BlobStore} (docs/repository.md has the format). Opening it unwraps the
 * key file and loads every index file into a compact in-memory {@link ChunkIndex}; packs that no index lists
 * (left by a backup that was killed) are read from their own headers and indexed by the next backup, so their
 * chunks are re-used. Backups, reads and checks use that index; one at a time per object.
 */
public final class Repository {
    /** How an encrypted repository seals chunks and objects, as a manifest names it. */
    public static final String ALGORITHM = "AES256_GCM";
    private final BlobStore store;
    private final RepositoryKey key;
    private static final Clock CLOCK = Clock.systemUTC();
    private ChunkIndex index;
    private final Map<String, List<PackEntry>> adopted;
    private Set<String> indexFiles;
    private boolean invalid;

    private Repository(BlobStore store, RepositoryKey key, ChunkIndex index, Map<String, List<PackEntry>> adopted,
            Set<String> indexFiles) {
        this.indexFiles = indexFiles;
        this.store = store;
        this.key = key;
        this.index = index;
        this.adopted = adopted;
    }

    /**
     * Creates a repository: a new random key, wrapped with {@code wrap} (the type's keyset), or stored in clear
     * for an unencrypted repository when {@code wrap} is null. Refuses a store that already holds one.
     */
    public static Repository init(BlobStore store, KeyWrap wrap, ChunkerParams params) throws IOException {
        if (!KeyFile.names(store).isEmpty()) {
            throw new RepositoryException("a repository already exists there: open it instead of creating one");
        }
        refuseDataWithoutKey(store);
        RepositoryKey key = RepositoryKey.generate(params, wrap != null);
        KeyFile.write(store, key, wrap);
        return new Repository(store, key, new ChunkIndex(0), new LinkedHashMap<>(), new HashSet<>());
    }

    /** For a store without a key file: what it holds is readable with its lost key only, so it must be put back. */
    private static void refuseDataWithoutKey(BlobStore store) throws IOException {
        for (String folder : List.of(BlobName.SNAPSHOTS, BlobName.INDEX, BlobName.DATA)) {
            if (!store.list(folder).isEmpty()) {
                // A new key would read none of it: the key file was deleted, or only part of a repository was copied.
                throw new RepositoryException("the repository holds data (" + folder.replace("/", "") + ") but no key file: put back"
                        + " its keys/ object from a copy of the repository; a new key could read none of what is stored");
            }
        }
    }

    /** Opens a repository with {@code wrap}, or with null for an unencrypted one. */
    public static Repository open(BlobStore store, KeyWrap wrap) throws IOException {
        return open(store, wrap, wrap != null);
    }

    /**
     * Opens a repository, encrypted or not. With {@code encryptionRequired} (the config asks for encryption) a
     * key file in clear is refused; without it, {@code wrap} (when a keyset is at hand) opens an encrypted one
     * and a clear one is read as it is: what the storage says decides nothing that the config requires.
     */
    public static Repository open(BlobStore store, KeyWrap wrap, boolean encryptionRequired) throws IOException {
        return load(store, unwrapKey(store, wrap, encryptionRequired));
    }

    /**
     * Prunes the repository in {@code store}, opened as {@link #open(BlobStore, KeyWrap, boolean)} would, but with its
     * index read once, under the lock: a prune holds no second copy of it.
     */
    public static PruneReport prune(BlobStore store, KeyWrap wrap, boolean encryptionRequired, PruneOptions options)
            throws IOException {
        return prune(store, unwrapKey(store, wrap, encryptionRequired), options);
    }

    private static RepositoryKey unwrapKey(BlobStore store, KeyWrap wrap, boolean encryptionRequired) throws IOException {
        if (encryptionRequired && wrap == null) {
            throw new IllegalArgumentException("encryption is required but no key wrap was given");
        }
        List<String> keyFiles = KeyFile.names(store);
        if (keyFiles.isEmpty()) {
            refuseDataWithoutKey(store);
            throw new RepositoryException("there is no repository there (no key file): create one first");
        }
        RepositoryKey key = null;
        IOException firstFailure = null;
        for (String name : keyFiles) {
            try {
                key = KeyFile.read(store, name, wrap, encryptionRequired);
                break;
            } catch (IOException e) {
                firstFailure = firstFailure == null ? e : firstFailure;
            }
        }
        if (key == null) {
            throw firstFailure;
        }
        return key;
    }

    /** Loads the index files and adopts the packs none of them lists: the state a backup or a prune starts from. */
    private static Repository load(BlobStore store, RepositoryKey key) throws IOException {
        List<BlobStore.Blob> indexFiles = store.list(BlobName.INDEX);
        // Sized before loading, so a large index never rehashes (a rehash briefly needs the table twice). The sizes
        // come from an unchecked listing: each counts for at most what the reader accepts of a file, and the whole
        // for at most what the heap could hold, so planted files cannot make open fail out of memory.
        long expected = indexFiles.stream().mapToLong(b -> Math.min(b.size(), IndexFile.MAX_BYTES)).sum() / IndexFile.ENTRY_BYTES;
        long affordable = Runtime.getRuntime().maxMemory() / 2 / ChunkIndex.SLOT_BYTES;
        ChunkIndex index = new ChunkIndex((int) Math.min(Math.min(expected, affordable), Integer.MAX_VALUE / 8));
        Sealer sealer = key.sealer();
        for (BlobStore.Blob file : indexFiles) {
            IndexFile.readInto(store, sealer, file.name(), index, key.maxBlobLength());
        }
        return new Repository(store, key, index, adoptUnindexedPacks(store, key, index, new HashSet<>(index.packs())),
                indexFiles.stream().map(BlobStore.Blob::name).collect(Collectors.toCollection(HashSet::new)));
    }

    /**
     * Packs that no index file lists: their authenticated headers go into the in-memory index now and into an
     * index file with the next backup. A pack whose header does not open is left for {@link #check} to report.
     */
    private static Map<String, List<PackEntry>> adoptUnindexedPacks(BlobStore store, RepositoryKey key, ChunkIndex index,
            Set<String> indexed) throws IOException {
        Map<String, List<PackEntry>> adopted = new LinkedHashMap<>();
        PackReader reader = new PackReader(store, key);
        for (BlobStore.Blob pack : store.list(BlobName.DATA)) {
            if (indexed.contains(pack.name())) {
                continue;
            }
            try {
                List<PackEntry> entries = reader.header(pack.name());
                for (PackEntry e : entries) {
                    index.put(e.id(), pack.name(), e.offset(), e.length());
                }
                adopted.put(BlobName.idOf(pack.name()), entries);
            } catch (RepositoryCorruptException | NoSuchFileException e) {
                // Not referenced by anything (or gone since the listing): harmless until check() reports it.
            }
        }
        return adopted;
    }

    /**
     * Reads the pack {@code data/…/<id>} and checks that its stored bytes hash to its name, without decrypting
     * it: the check right after a backup that the store holds what was uploaded.
     */
    public void checkStored(String packName) throws IOException {
        String id = BlobName.idOf(packName);
        String stored;
        try (DigestingInputStream in = new DigestingInputStream(store.get(packName))) {
            in.drain();
            stored = in.sha256Hex();
        }
        if (!stored.equals(id)) {
            throw new RepositoryCorruptException("pack " + packName + " is damaged or was replaced: its content does not match its name");
        }
    }

    /** The random id made at init, for messages and to tell repositories apart; no secret. */
    public String id() {
        return key.repositoryId();
    }

    public boolean encrypted() {
        return key.encrypted();
    }

    public ChunkerParams chunkerParams() {
        return key.chunkerParams();
    }

    /** Chunks the in-memory index knows; its heap use is about 60 bytes per chunk (docs/repository.md). */
    public int knownChunks() {
        return index.size();
    }

    /**
     * Starts a backup under a shared {@link RepositoryLock}, waiting up to {@link BackupOptions#lockWait} for a prune
     * to finish. The index the backup deduplicates against is read again once the lock is held, so it sees what a
     * prune that ran meanwhile left.
     */
    public Backup newBackup(BackupOptions options) throws IOException {
        if (invalid) {
            throw new RepositoryException("an earlier backup could not index its packs: open the repository again");
        }
        RepositoryLock lock = RepositoryLock.acquire(store, key.sealer(), RepositoryLock.Kind.SHARED, options.lockWait(), CLOCK);
        try {
            if (prunedSinceLoad()) {
                reload();
            }
            Map<String, List<PackEntry>> handOver = new LinkedHashMap<>(adopted);
            adopted.clear();
            return new Backup(this, options, handOver, lock);
        } catch (IOException | RuntimeException e) {
            lock.close();
            throw e;
        }
    }

    /**
     * Reclaims what no snapshot uses, under an exclusive {@link RepositoryLock} (no backup on any host runs
     * meanwhile): see {@link Prune}. With {@link PruneOptions#dryRun} it only reports.
     */
    public PruneReport prune(PruneOptions options) throws IOException {
        return prune(store, key, options);
    }

    private static PruneReport prune(BlobStore store, RepositoryKey key, PruneOptions options) throws IOException {
        // A dry run only reads: it keeps prunes out, not backups, and leaves other locks alone.
        RepositoryLock.Kind kind = options.dryRun() ? RepositoryLock.Kind.SHARED : RepositoryLock.Kind.EXCLUSIVE;
        try (RepositoryLock lock = RepositoryLock.acquire(store, key.sealer(), kind, options.lockWait(), CLOCK)) {
            if (!options.dryRun()) {
                RepositoryLock.removeStale(store, key.sealer(), lock.name(), CLOCK);
            }
            return new Prune(load(store, key), options, lock).run();
        }
    }

    /** Whether a prune rewrote the index, or removed a pack this object adopted, since it was read. */
    private boolean prunedSinceLoad() throws IOException {
        if (!store.list(BlobName.INDEX).stream().map(BlobStore.Blob::name).collect(Collectors.toSet()).containsAll(indexFiles)) {
            return true;
        }
        for (String pack : adopted.keySet()) {
            if (!store.exists(BlobName.pack(pack))) {
                return true;
            }
        }
        return false;
    }

    /** Reads the index again when a prune rewrote it since it was loaded, as a reader that finds a pack gone does; true if it did. */
    boolean reloadIfPruned() throws IOException {
        if (!prunedSinceLoad()) {
            return false;
        }
        reload();
        return true;
    }

    private void reload() throws IOException {
        Repository fresh = load(store, key);
        index = fresh.index;
        indexFiles = fresh.indexFiles;
        adopted.clear();
        adopted.putAll(fresh.adopted);
    }

    /** Every snapshot, oldest first; throws, naming it, on the first that is damaged or forged. */
    public List<Snapshot> snapshots() throws IOException {
        List<Snapshot> all = new ArrayList<>();
        for (BlobStore.Blob blob : store.list(BlobName.SNAPSHOTS)) {
            all.add(SnapshotFile.read(store, key.sealer(), blob.name()));
        }
        all.sort(Comparator.comparing((Snapshot s) -> s.info().finished()).thenComparing(Snapshot::name));
        return all;
    }

    /** The snapshot {@code snapshots/<id>}, verified. */
    public Snapshot snapshot(String id) throws IOException {
        return SnapshotFile.read(store, key.sealer(), BlobName.snapshot(id));
    }

    /** The snapshot's tree, entry by entry. */
    public TreeReader tree(Snapshot snapshot) {
        return new TreeReader(new ChunkStream(snapshot.tree(), chunkSource(), "the tree of snapshot " + snapshot.objectName()),
                snapshot.objectName(), key.chunkerParams().min());
    }

    /** A {@link Snapshot.Kind#STREAM} snapshot's bytes (a database dump), verified chunk by chunk. */
    public InputStream read(Snapshot snapshot) throws IOException {
        if (snapshot.info().kind() != Snapshot.Kind.STREAM) {
            throw new IllegalArgumentException("snapshot " + snapshot.objectName() + " holds files, not one stream: read its tree");
        }
        try (TreeReader tree = tree(snapshot)) {
            TreeEntry entry = tree.next();
            if (entry == null || entry.kind() != TreeEntry.Kind.FILE || tree.next() != null) {
                throw new RepositoryCorruptException("snapshot " + snapshot.objectName() + " is a stream snapshot without exactly one stream");
            }
            return read(entry);
        }
    }

    /** A file entry's bytes, verified chunk by chunk. */
    public InputStream read(TreeEntry file) {
        return new ChunkStream(checkedFile(file).content(), chunkSource(), "file " + file.path());
    }

    /**
     * Reads the files of a tree one after the other on shared worker threads and buffers (a restore of many small
     * files would otherwise start threads and allocate buffers for each). Close it after the last file.
     */
    public FileReader files() {
        return new FileReader(new ChunkReading(chunkSource()));
    }

    /** See {@link #files}: one stream at a time, each closed before the next is opened. */
    public static final class FileReader implements AutoCloseable {
        private final ChunkReading reading;

        private FileReader(ChunkReading reading) {
            this.reading = reading;
        }

        /**
         * The bytes of {@code files}, one after the other, as one stream verified chunk by chunk: chunks are fetched
         * ahead across the files, and neighbours in a pack with one ranged read. The caller takes each file's size.
         */
        public InputStream read(List<TreeEntry> files) {
            List<ChunkId> chunks = new ArrayList<>();
            long size = 0;
            for (TreeEntry file : files) {
                chunks.addAll(checkedFile(file).chunks());
                size += file.size();
            }
            String what = files.size() == 1 ? "file " + files.get(0).path()
                    : files.size() + " files from " + (files.isEmpty() ? "" : files.get(0).path());
            return new ChunkStream(new StoredStream(chunks, size), reading, what);
        }

        @Override
        public void close() {
            reading.close();
        }
    }

    private static TreeEntry checkedFile(TreeEntry file) {
        if (file.kind() != TreeEntry.Kind.FILE) {
            throw new IllegalArgumentException(file.path() + " is not a file");
        }
        return file;
    }

    ChunkStream.Source chunkSource() {
        // A codec holds a MAC: one per thread that reads.
        ThreadLocal<ChunkCodec> codecs = ThreadLocal.withInitial(() -> ChunkCodec.reader(key));
        return new ChunkStream.Source() {
            @Override
            public BlobRuns blobs(List<ChunkId> chunks) {
                return new BlobRuns(chunks, Repository.this::locate, store);
            }

            @Override
            public ChunkBuffer buffer() {
                return new ChunkBuffer(key);
            }

            @Override
            public void decode(ChunkId id, ChunkIndex.Location at, ChunkBuffer buffer) throws IOException {
                codecs.get().decode(id, buffer.sealed(at.length()), 0, at.length(), at.pack(), buffer);
            }
        };
    }

    /**
     * Checks the header of every pack holding a chunk of {@code snapshot}: it must authenticate, tile the pack and
     * list every chunk the index places in that pack, where the index places it. Reading the snapshot reads its
     * chunks by range and never a header, so a pack cut short at its end (chunks intact, header lost) would
     * otherwise pass, though its header is what rebuilds a lost index. Costs two small reads per pack, not a
     * second read of the data.
     */
    public void checkPacks(Snapshot snapshot) throws IOException {
        Set<String> packs = new LinkedHashSet<>();
        packsOf(snapshot.tree().chunks(), packs);
        try (TreeReader tree = tree(snapshot)) {
            for (TreeEntry entry = tree.next(); entry != null; entry = tree.next()) {
                packsOf(entry.chunks(), packs);
            }
        }
        Map<String, Integer> expected = index.entriesPerPack();
        PackReader reader = new PackReader(store, key);
        for (String pack : packs) {
            if (index.placedAsListed(pack, reader.header(pack)) != expected.get(pack)) {
                throw new RepositoryCorruptException("pack " + pack + " is damaged or was replaced: its header does not list"
                        + " the chunks the index places in it");
            }
        }
    }

    private void packsOf(List<ChunkId> chunks, Set<String> packs) throws RepositoryCorruptException {
        for (ChunkId id : chunks) {
            packs.add(locate(id).pack());
        }
    }

    private ChunkIndex.Location locate(ChunkId id) throws RepositoryCorruptException {
        ChunkIndex.Location at = index.get(id);
        if (at == null) {
            throw new RepositoryCorruptException("chunk " + id + " is in no index: the repository has lost data; run a check");
        }
        return at;
    }

    /**
     * Reads and authenticates every byte of every pack the index lists, compares each pack's header with the
     * index, and checks that every snapshot opens and that every chunk its tree and files name is indexed.
     */
    public CheckReport check() throws IOException {
        return new RepositoryCheck(this).run();
    }

    /**
     * Checks the structure of the repository (every snapshot opens, every chunk it needs is indexed in a stored pack)
     * and reads in full the packs of this run of a rotation ({@code subset}, from {@code from}): restic's
     * {@code check --read-data-subset}. Takes no lock: see {@link SubsetCheck}.
     */
    public SubsetReport checkSubset(DataSubset subset, SubsetPosition from) throws IOException {
        return new SubsetCheck(this).run(subset, from);
    }

    /**
     * Wraps the repository key with {@code wrap} (after a keyset rotation: the new primary) in a new key file
     * and removes the old ones. Only the small key file changes; packs, indexes and snapshots stay as they are.
     */
    public void rewrapKey(KeyWrap wrap) throws IOException {
        if (!key.encrypted() || wrap == null) {
            throw new RepositoryException("only an encrypted repository's key can be wrapped again, with a keyset");
        }
        List<String> old = KeyFile.names(store);
        String written = KeyFile.write(store, key, wrap);
        for (String name : old) {
            if (!name.equals(written)) {
                store.delete(name);
            }
        }
    }

    BlobStore store() {
        return store;
    }

    RepositoryKey key() {
        return key;
    }

    ChunkIndex index() {
        return index;
    }

    /** Index files this object's backups wrote: part of what it knows, for {@link #prunedSinceLoad}. */
    void indexWritten(List<String> names) {
        indexFiles.addAll(names);
    }

    /** Packs no index file listed when this object was loaded (a killed backup's), by id, with their header entries. */
    Map<String, List<PackEntry>> adoptedPacks() {
        return adopted;
    }

    void invalidate() {
        invalid = true;
    }
}
