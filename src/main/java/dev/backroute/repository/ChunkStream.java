package dev.backroute.repository;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.util.ArrayDeque;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.io.InputStream;
import java.util.List;

/**
 * The bytes of a chunk list, fetched and verified chunk by chunk, in order: no byte of a chunk is returned
 * before the whole chunk has been authenticated. The length must come out as recorded, or the end is an error
 * rather than a short file. The next {@value #AHEAD} chunks are fetched (in order, runs of neighbours in a pack
 * with one ranged read: {@link BlobRuns}) and verified on worker threads while the reader consumes the current
 * one (a restore decodes on one core while it writes on the other). Memory is {@value #AHEAD} {@link ChunkBuffer}s,
 * reused from chunk to chunk (a chunk read to its end lends its buffer to the next one fetched): at most
 * {@value #AHEAD} × (2 × the largest blob + the largest chunk + 1), 48 MiB with the default 8 MiB largest chunk,
 * and a few MiB for chunks of the default ~1 MiB. Closing stops the workers and the open read.
 */
final class ChunkStream extends InputStream {
    /** Chunks fetched ahead, each on its own worker; two keep one core decoding while the other consumes. */
    static final int AHEAD = 2;
    private static final AtomicInteger THREADS = new AtomicInteger();

    /** Where a stream's chunks are and how they are verified. */
    interface Source {
        BlobRuns blobs(List<ChunkId> chunks);

        /** A buffer for one chunk, to be reused for others. */
        ChunkBuffer buffer();

        /** Verifies the blob read into {@code buffer}, leaving the chunk's plaintext there; called from several threads. */
        void decode(ChunkId id, ChunkIndex.Location at, ChunkBuffer buffer) throws IOException;
    }

    private final List<ChunkId> chunks;
    private final Source source;
    private final BlobRuns blobs;
    private final long size;
    private final String what;
    private long delivered;
    private int next;
    private ChunkBuffer current;
    private int position;
    private int end;
    private final ArrayDeque<Future<ChunkBuffer>> ahead = new ArrayDeque<>();
    private final ArrayDeque<ChunkBuffer> free = new ArrayDeque<>();
    private int requested;
    private ExecutorService workers;

    ChunkStream(StoredStream stream, Source source, String what) {
        this.chunks = stream.chunks();
        this.size = stream.size();
        this.source = source;
        this.blobs = source.blobs(chunks);
        this.what = what;
    }

    @Override
    public int read() throws IOException {
        return fill() ? current.bytes()[position++] & 0xff : -1;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        if (len == 0) {
            return 0;
        }
        if (!fill()) {
            return -1;
        }
        int n = Math.min(len, end - position);
        System.arraycopy(current.bytes(), position, b, off, n);
        position += n;
        return n;
    }

    private boolean fill() throws IOException {
        while (position == end) {
            if (current != null) {
                free.push(current);
                current = null;
            }
            if (next == chunks.size()) {
                close();
                if (delivered != size) {
                    throw new RepositoryCorruptException(what + " has " + delivered + " bytes in its chunks, not the " + size + " recorded");
                }
                return false;
            }
            current = nextChunk();
            position = current.offset();
            end = position + current.length();
            delivered += current.length();
            if (delivered > size) {
                throw new RepositoryCorruptException(what + " has more bytes in its chunks than the " + size + " recorded");
            }
        }
        return true;
    }

    private ChunkBuffer nextChunk() throws IOException {
        if (workers == null) {
            // Idle workers end by themselves, so a stream its reader forgot to close leaves no thread behind.
            ThreadPoolExecutor pool = new ThreadPoolExecutor(AHEAD, AHEAD, 5, TimeUnit.SECONDS, new LinkedBlockingQueue<>(), r -> {
                Thread t = new Thread(r, "backroute-chunk-read-" + THREADS.incrementAndGet());
                t.setDaemon(true);
                return t;
            });
            pool.allowCoreThreadTimeOut(true);
            workers = pool;
        }
        while (ahead.size() < AHEAD && requested < chunks.size()) {
            int i = requested++;
            ChunkBuffer buffer = free.isEmpty() ? source.buffer() : free.pop();
            ahead.add(workers.submit(() -> {
                source.decode(chunks.get(i), blobs.read(i, buffer), buffer);
                return buffer;
            }));
        }
        Future<ChunkBuffer> fetched = ahead.poll();
        next++;
        try {
            return fetched.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while reading " + what);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof IOException io) {
                throw io;
            }
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new IOException(e.getCause());
        }
    }

    @Override
    public void close() {
        ahead.forEach(f -> f.cancel(true));
        ahead.clear();
        if (workers != null) {
            workers.shutdownNow();
        }
        blobs.close();
    }
}
