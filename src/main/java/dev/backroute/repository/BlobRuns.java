package dev.backroute.repository;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.util.ArrayList;
import java.util.List;

/**
 * The stored blobs of a chunk list, read strictly in list order for {@link ChunkStream}'s workers. Chunks that lie
 * back to back in one pack form a run, read with one ranged read instead of one per chunk: a backup writes a
 * stream's new chunks to its packs in order, so a first backup's stream costs about one request per pack, and a
 * later one a request more per changed region. A run ends at the first chunk placed elsewhere (at the latest where
 * its pack's chunks end). It is streamed, never held: memory is the blob being read, in the caller's buffer, and a
 * run's bytes are as untrusted as a single chunk's (each blob is authenticated by its reader).
 */
final class BlobRuns implements Closeable {
    /** Where the index places a chunk; throws when it places it nowhere. */
    interface Locator {
        ChunkIndex.Location locate(ChunkId id) throws RepositoryCorruptException;
    }

    private final List<ChunkId> chunks;
    private final Locator locator;
    private final BlobStore store;
    private final List<ChunkIndex.Location> run = new ArrayList<>();
    private int runStart;
    private int next;
    private volatile InputStream in;
    private volatile boolean closed;

    BlobRuns(List<ChunkId> chunks, Locator locator, BlobStore store) {
        this.chunks = chunks;
        this.locator = locator;
        this.store = store;
    }

    /**
     * Reads the blob of chunk {@code i} (of the list) into {@code into}'s sealed array and returns where it was.
     * Blob i is read only after blob i - 1: a worker given a later chunk waits for its turn, and since workers take
     * chunks in order, the one before is already being read. A failure is chunk i's; the next chunk is read anew.
     */
    synchronized ChunkIndex.Location read(int i, ChunkBuffer into) throws IOException {
        while (next != i) {
            try {
                wait();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new InterruptedIOException("interrupted while waiting to read a chunk");
            }
        }
        try {
            if (in == null) {
                open(i);
            }
            // Read once: close() may clear the field from the consumer's thread meanwhile.
            InputStream reading = in;
            if (reading == null) {
                throw new InterruptedIOException("the stream was closed while chunk " + i + " was being read");
            }
            ChunkIndex.Location at = run.get(i - runStart);
            if (reading.readNBytes(into.sealed(at.length()), 0, at.length()) != at.length()) {
                throw PackReader.cutShort(at.pack());
            }
            if (i - runStart + 1 == run.size()) {
                endRun();
            }
            return at;
        } catch (IOException | RuntimeException e) {
            endRun();
            throw e;
        } finally {
            next++;
            notifyAll();
        }
    }

    private void open(int first) throws IOException {
        run.clear();
        runStart = first;
        ChunkIndex.Location start = locator.locate(chunks.get(first));
        run.add(start);
        long end = start.offset() + (long) start.length();
        for (int j = first + 1; j < chunks.size(); j++) {
            ChunkIndex.Location following;
            try {
                following = locator.locate(chunks.get(j));
            } catch (RepositoryCorruptException e) {
                break; // reported as that chunk's failure when its turn comes
            }
            if (!following.pack().equals(start.pack()) || following.offset() != end) {
                break;
            }
            run.add(following);
            end += following.length();
        }
        in = store.get(start.pack(), start.offset(), end - start.offset());
        if (closed) {
            endRun();
            throw new InterruptedIOException("the stream was closed while a chunk was read");
        }
    }

    private void endRun() {
        InputStream open = in;
        in = null;
        if (open != null) {
            try {
                open.close();
            } catch (IOException e) {
                // Closing a read changes nothing that was read; the next run opens its own.
            }
        }
    }

    /** Closes the open run, also while a worker reads from it (that worker's chunk then fails, unread). */
    @Override
    public void close() {
        closed = true;
        endRun();
    }
}
