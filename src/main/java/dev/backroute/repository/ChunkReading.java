package dev.backroute.repository;

import java.util.ArrayDeque;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The worker threads and chunk buffers that {@link ChunkStream}s use: a stream of its own (a dump, a tree), or
 * every file of one restore in turn ({@link Repository#files}), so that reading thousands of small files starts no
 * thread and allocates no buffer per file. A stream gives back only the buffers no worker still holds.
 */
final class ChunkReading implements AutoCloseable {
    private static final AtomicInteger THREADS = new AtomicInteger();

    private final ChunkStream.Source source;
    private final ArrayDeque<ChunkBuffer> spare = new ArrayDeque<>();
    private ExecutorService workers;

    ChunkReading(ChunkStream.Source source) {
        this.source = source;
    }

    ChunkStream.Source source() {
        return source;
    }

    synchronized ExecutorService workers() {
        if (workers == null) {
            // Idle workers end by themselves, so a stream its reader forgot to close leaves no thread behind.
            ThreadPoolExecutor pool = new ThreadPoolExecutor(ChunkStream.AHEAD, ChunkStream.AHEAD, 5, TimeUnit.SECONDS,
                    new LinkedBlockingQueue<>(), r -> {
                        Thread t = new Thread(r, "backroute-chunk-read-" + THREADS.incrementAndGet());
                        t.setDaemon(true);
                        return t;
                    });
            pool.allowCoreThreadTimeOut(true);
            workers = pool;
        }
        return workers;
    }

    synchronized ChunkBuffer buffer() {
        return spare.isEmpty() ? source.buffer() : spare.pop();
    }

    /** Takes back a buffer that no worker holds any more. */
    synchronized void give(ChunkBuffer buffer) {
        // A stream asks for at most AHEAD (the one read is given back before the next is fetched); more is idle memory.
        if (spare.size() < ChunkStream.AHEAD) {
            spare.push(buffer);
        }
    }

    @Override
    public synchronized void close() {
        if (workers != null) {
            workers.shutdownNow();
        }
        spare.clear();
    }
}
