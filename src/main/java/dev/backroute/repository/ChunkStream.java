package dev.backroute.repository;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.util.ArrayDeque;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
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
    private final ChunkReading reading;
    private final boolean ownReading;
    private boolean closed;
    private Exception failure;

    /** A stream with workers and buffers of its own, released when it is closed. */
    ChunkStream(StoredStream stream, Source source, String what) {
        this(stream, new ChunkReading(source), true, what);
    }

    /** A stream on {@code reading}'s workers and buffers, which outlive it. */
    ChunkStream(StoredStream stream, ChunkReading reading, String what) {
        this(stream, reading, false, what);
    }

    private ChunkStream(StoredStream stream, ChunkReading reading, boolean ownReading, String what) {
        this.chunks = stream.chunks();
        this.size = stream.size();
        this.source = reading.source();
        this.reading = reading;
        this.ownReading = ownReading;
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

    /**
     * Rethrows a failure on every later call: the chunks after a failed one must not be handed out as if they came
     * next, to a reader that caught the failure and read on.
     */
    private boolean fill() throws IOException {
        if (failure instanceof IOException io) {
            throw io;
        }
        if (failure instanceof RuntimeException runtime) {
            throw runtime;
        }
        if (closed) {
            return false;
        }
        try {
            return fillCurrent();
        } catch (IOException | RuntimeException e) {
            failure = e;
            close();
            throw e;
        }
    }

    private boolean fillCurrent() throws IOException {
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
        while (ahead.size() < AHEAD && requested < chunks.size()) {
            int i = requested;
            ChunkBuffer buffer = free.isEmpty() ? reading.buffer() : free.pop();
            ahead.add(reading.workers().submit(() -> {
                source.decode(chunks.get(i), blobs.read(i, buffer), buffer);
                return buffer;
            }));
            // Counted once submitted: a chunk that never reached a worker would leave the next one waiting its turn.
            requested++;
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

    /**
     * Stops what is in flight. Buffers a cancelled worker may still be writing into are dropped, never reused; the
     * others go back to a shared reading.
     */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        ahead.forEach(f -> f.cancel(true));
        ahead.clear();
        if (ownReading) {
            reading.close();
        } else {
            if (current != null) {
                free.push(current);
                current = null;
            }
            free.forEach(reading::give);
        }
        free.clear();
        blobs.close();
    }
}
