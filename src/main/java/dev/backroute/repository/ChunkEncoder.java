package dev.backroute.repository;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.util.ArrayDeque;
import java.util.HashSet;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Compresses and seals new chunks, on {@code threads} worker threads when there is more than one, and hands
 * them to the {@link Output} in the order they were submitted, so packs come out the same whatever the thread
 * count. At most two chunks per worker are in flight (each a copy of the chunk and its sealed blob), which
 * bounds memory; those arrays come from a {@link BufferPool} and go back to it once the chunk is encoded or
 * written, so a backup allocates a few dozen chunk-sized arrays in all rather than several per chunk. Ids are
 * computed by the caller, before submitting, because deciding whether a chunk is new must happen in stream order.
 */
final class ChunkEncoder implements AutoCloseable {

    /** Receives each encoded chunk, in submission order, on the caller's thread; the blob is valid only during the call. */
    interface Output {
        void accept(ChunkId id, ChunkCodec.Encoded encoded, int rawLength) throws IOException;
    }

    private record Pending(ChunkId id, int rawLength, Future<ChunkCodec.Encoded> encoded) {}

    private final Output output;
    private final ChunkCodec codec;
    private final ExecutorService workers;
    private final ThreadLocal<ChunkCodec> workerCodecs;
    private final int maxInFlight;
    private final BufferPool buffers;
    private final Queue<Pending> queue = new ArrayDeque<>();
    private final Set<ChunkId> inFlight = new HashSet<>();

    ChunkEncoder(RepositoryKey key, BackupOptions options, Output output) {
        this.output = output;
        this.codec = new ChunkCodec(key, options.compression(), options.level());
        this.maxInFlight = 2 * options.threads();
        // Each chunk queued (up to maxInFlight + 1) holds its copy and its blob; one blob when encoded in place.
        this.buffers = new BufferPool(2 * (maxInFlight + 1));
        if (options.threads() > 1) {
            this.workers = Executors.newFixedThreadPool(options.threads(), r -> {
                Thread t = new Thread(r, "backroute-chunk-encoder");
                t.setDaemon(true);
                return t;
            });
            this.workerCodecs = ThreadLocal.withInitial(() -> new ChunkCodec(key, options.compression(), options.level()));
        } else {
            this.workers = null;
            this.workerCodecs = null;
        }
    }

    /** Whether the chunk was submitted and not yet handed to the output. */
    boolean isPending(ChunkId id) {
        return inFlight.contains(id);
    }

    /** Encodes the chunk, now or on a worker; {@code data} may be reused once this returns. */
    void submit(ChunkId id, byte[] data, int offset, int length) throws IOException {
        if (workers == null) {
            deliver(id, codec.encode(id, data, offset, length, buffers), length);
            return;
        }
        byte[] copy = buffers.take(length);
        System.arraycopy(data, offset, copy, 0, length);
        queue.add(new Pending(id, length, workers.submit(() -> {
            try {
                return workerCodecs.get().encode(id, copy, 0, length, buffers);
            } finally {
                buffers.give(copy);
            }
        })));
        inFlight.add(id);
        while (!queue.isEmpty() && (queue.size() > maxInFlight || queue.peek().encoded().isDone())) {
            deliverHead();
        }
    }

    /** Hands every pending chunk to the output. */
    void drain() throws IOException {
        while (!queue.isEmpty()) {
            deliverHead();
        }
    }

    private void deliverHead() throws IOException {
        Pending head = queue.remove();
        ChunkCodec.Encoded encoded;
        try {
            encoded = head.encoded().get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while encoding chunks");
        } catch (ExecutionException e) {
            if (e.getCause() instanceof IOException io) {
                throw io;
            }
            throw new IllegalStateException("encoding a chunk failed", e.getCause());
        }
        inFlight.remove(head.id());
        deliver(head.id(), encoded, head.rawLength());
    }

    private void deliver(ChunkId id, ChunkCodec.Encoded encoded, int rawLength) throws IOException {
        output.accept(id, encoded, rawLength);
        buffers.give(encoded.blob());
    }

    /** Chunk-sized arrays allocated rather than reused; read by tests. */
    int arraysAllocated() {
        return buffers.allocated();
    }

    /** Stops the workers; chunks still in flight are dropped (the backup is failing or done). */
    @Override
    public void close() {
        if (workers != null) {
            workers.shutdownNow();
        }
        queue.clear();
        inFlight.clear();
    }
}
