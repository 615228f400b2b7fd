package dev.backroute.repository;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One backup into a repository. {@link #write} chunks a stream and stores only the chunks the repository does
 * not have; {@link #add} records a tree entry; {@link #commit} writes, in this order, the last pack, the index
 * file for every pack of this backup, and the snapshot, so a snapshot never points at a chunk that is not
 * stored and indexed. A backup that is closed without a commit leaves its uploaded packs indexed (the next
 * backup re-uses them) and no snapshot. Called from one thread; chunks are compressed and sealed on
 * {@link BackupOptions#threads} workers, and packs uploaded on {@link BackupOptions#uploads} connections. One backup at a time per {@link Repository}.
 */
public final class Backup implements AutoCloseable {
    private final Repository repository;
    private final BackupOptions options;
    private final ChunkCodec codec;
    private final ChunkEncoder encoder;
    private final FastCdc cdc;
    private byte[] chunkBuffer = new byte[0];
    private final Map<String, List<PackEntry>> unindexed = new LinkedHashMap<>();
    private final List<ChunkId> treeChunks = new ArrayList<>();
    private final ChunkingOutputStream treeStream;
    private final TreeWriter tree;
    private final PackUploads uploads;
    private int unindexedEntries;
    private PackWriter pack;
    private long newChunks;
    private long newBytes;
    private long storedBytes;
    private final List<String> packNames = new ArrayList<>();
    private int fileEntries;
    private final RepositoryLock lock;
    private boolean done;

    Backup(Repository repository, BackupOptions options, Map<String, List<PackEntry>> adopted, RepositoryLock lock) {
        this.repository = repository;
        this.lock = lock;
        this.options = options;
        this.codec = ChunkCodec.reader(repository.key());
        this.encoder = new ChunkEncoder(repository.key(), options, this::addToPack);
        this.cdc = new FastCdc(repository.key().gearTable(), repository.key().chunkerParams());
        this.treeStream = new ChunkingOutputStream(cdc, (data, offset, length) -> treeChunks.add(store(data, offset, length)));
        this.tree = new TreeWriter(treeStream);
        this.uploads = new PackUploads(repository.store(), options.uploads());
        adopted.forEach((pack, entries) -> {
            unindexed.put(pack, entries);
            unindexedEntries += entries.size();
        });
    }

    /** Chunks {@code in} to its end and stores the new chunks; the result goes into a {@link TreeEntry}. */
    public StoredStream write(InputStream in) throws IOException {
        StreamSink sink = openStream();
        in.transferTo(sink);
        return sink.finish();
    }

    /**
     * A stream to write one file's or one dump's bytes into, for sources that push rather than being read;
     * {@link StreamSink#finish} stores the tail and returns the content for a {@link TreeEntry}. One at a time.
     */
    public StreamSink openStream() {
        requireOpen();
        return new StreamSink();
    }

    /** See {@link #openStream}. Closing it without {@link #finish} stores nothing more: a failed write is not an end. */
    public final class StreamSink extends java.io.OutputStream {
        private final List<ChunkId> ids = new ArrayList<>();
        private final ChunkingOutputStream chunking = new ChunkingOutputStream(cdc, chunkBuffer,
                (data, offset, length) -> ids.add(store(data, offset, length)));

        private StreamSink() {}

        @Override
        public void write(int b) throws IOException {
            chunking.write(b);
        }

        @Override
        public void write(byte[] data, int offset, int length) throws IOException {
            chunking.write(data, offset, length);
        }

        public StoredStream finish() throws IOException {
            requireOpen();
            chunking.close();
            chunkBuffer = chunking.buffer();
            return new StoredStream(ids, chunking.count());
        }
    }

    /**
     * Appends an entry to the snapshot's tree. A file's chunks must be stored: written by this backup, or taken
     * from an earlier snapshot of this repository for a file that did not change.
     */
    public void add(TreeEntry entry) throws IOException {
        requireOpen();
        for (ChunkId id : entry.chunks()) {
            if (!known(id)) {
                throw new IllegalArgumentException("chunk " + id + " of " + entry.path() + " is not in this repository");
            }
        }
        tree.add(entry);
        if (entry.kind() == TreeEntry.Kind.FILE) {
            fileEntries++;
        }
    }

    /**
     * Whether every chunk is stored in this repository, so that a file's chunk list taken from an earlier snapshot
     * may go into this one; the files cache reads a file again when it is not.
     */
    public boolean holds(List<ChunkId> chunks) {
        requireOpen();
        return chunks.stream().allMatch(this::known);
    }

    /** Stores what is left and then the snapshot, the commit point. */
    public Snapshot commit(SnapshotInfo info) throws IOException {
        requireOpen();
        if (info.kind() == Snapshot.Kind.STREAM && (tree.entries() != 1 || fileEntries != 1)) {
            throw new IllegalStateException("a stream snapshot has exactly one file entry, this one has " + tree.entries() + " entries");
        }
        tree.finish();
        encoder.drain();
        encoder.close();
        flushPack();
        collectUploads();
        writeIndex();
        uploads.close();
        done = true;
        try (RepositoryLock held = lock) {
            held.checkHeld();
            StoredStream treeContent = new StoredStream(treeChunks, treeStream.count());
            return SnapshotFile.write(repository.store(), repository.key().sealer(), info, treeContent, tree.entries(),
                    tree.fileBytes(), new Snapshot.Added(newChunks, newBytes, storedBytes, packNames.size()));
        }
    }

    /** The packs this backup uploaded so far, by object name: what a check of only this backup's additions reads. */
    public List<String> packsWritten() {
        return List.copyOf(packNames);
    }

    private ChunkId store(byte[] data, int offset, int length) throws IOException {
        ChunkId id = codec.id(data, offset, length);
        if (!known(id)) {
            encoder.submit(id, data, offset, length);
        }
        return id;
    }

    /** Stored, in the pack being written, or being encoded: either way, not to be stored again. */
    private boolean known(ChunkId id) {
        return repository.index().contains(id) || (pack != null && pack.contains(id)) || encoder.isPending(id);
    }

    private void addToPack(ChunkId id, ChunkCodec.Encoded encoded, int length) throws IOException {
        if (pack == null) {
            pack = new PackWriter(repository.key().sealer(), options.spool(), options.packSize());
        }
        pack.add(id, encoded, length);
        newChunks++;
        newBytes += length;
        storedBytes += encoded.length();
        if (pack.isFull()) {
            flushPack();
        }
    }

    /**
     * Hands the current pack to the uploads and makes its chunks known at once, so the chunks that follow
     * deduplicate against it; the index file lists it only once it is stored ({@link #indexStored}). Should an
     * upload fail, the repository's in-memory index knows chunks that are not stored: it is marked invalid.
     */
    private void flushPack() throws IOException {
        if (pack == null) {
            return;
        }
        try (PackWriter finishing = pack) {
            pack = null;
            PackWriter.Finished finished = finishing.finish();
            String name = BlobName.pack(finished.id());
            for (PackEntry e : finished.entries()) {
                repository.index().put(e.id(), name, e.offset(), e.length());
            }
            packNames.add(name);
            indexStored(uploads.submit(new PackUploads.Pack(name, finished.id(), finished.entries()), finished.file()));
        } catch (IOException | RuntimeException e) {
            repository.invalidate();
            throw e;
        }
    }

    /** Stored packs go into the next index file, written once they add up to what one file holds. */
    private void indexStored(List<PackUploads.Pack> stored) throws IOException {
        for (PackUploads.Pack p : stored) {
            unindexed.put(p.id(), p.entries());
            unindexedEntries += p.entries().size();
        }
        if (unindexedEntries >= IndexFile.MAX_ENTRIES) {
            writeIndex();
        }
    }

    /** Waits for every upload and indexes what was stored; a failed upload invalidates the repository object. */
    private void collectUploads() throws IOException {
        try {
            indexStored(uploads.collect());
        } catch (PackUploads.PartlyStored e) {
            repository.invalidate();
            indexStored(e.stored());
            throw e;
        }
    }

    private void writeIndex() throws IOException {
        if (unindexed.isEmpty()) {
            return;
        }
        // Indexed chunks are what later backups deduplicate against: never packs a prune may have deleted meanwhile.
        lock.checkHeld();
        repository.indexWritten(IndexFile.writeAll(repository.store(), repository.key().sealer(), unindexed));
        unindexed.clear();
        unindexedEntries = 0;
    }

    private void requireOpen() {
        if (done) {
            throw new IllegalStateException("this backup is committed or closed");
        }
    }

    /**
     * Without a commit: drops the unfinished pack and indexes the packs already uploaded, so the chunks in them
     * are re-used rather than uploaded again. If that index cannot be written, the repository object must be
     * opened again before the next backup (its in-memory index knows chunks no index file lists).
     */
    @Override
    public void close() throws IOException {
        if (done) {
            return;
        }
        done = true;
        encoder.close();
        try {
            if (pack != null) {
                pack.close();
                pack = null;
            }
            try {
                collectUploads();
            } finally {
                // A lost lock: the packs stay unindexed, for the next open to adopt from their headers if they are still there.
                if (lock.held()) {
                    writeIndex();
                }
            }
        } catch (IOException | RuntimeException e) {
            repository.invalidate();
            throw e;
        } finally {
            uploads.close();
            lock.close();
        }
    }
}
