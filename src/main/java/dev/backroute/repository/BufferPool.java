package dev.backroute.repository;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Chunk-sized byte arrays for a backup's encoders, handed back once their bytes are written and reused for the
 * next chunks: without it every new chunk left about four arrays of its size behind (its copy, the compressed
 * form and its copy, the sealed blob), ~2 GB of garbage for 550 MB of new data, and G1 grew the heap with it
 * (a first backup peaked at 587 MB RSS). At most {@code capacity} arrays are kept; threads may take and give at
 * once. Lengths are rounded up to whole {@value #GRAIN}-byte steps so that arrays fit the next chunks too.
 */
final class BufferPool {
    static final int GRAIN = 1 << 20;

    private final ArrayBlockingQueue<byte[]> free;
    private final AtomicInteger allocated = new AtomicInteger();

    BufferPool(int capacity) {
        this.free = new ArrayBlockingQueue<>(capacity);
    }

    /** An array of at least {@code length} bytes, with unspecified contents. */
    byte[] take(int length) {
        byte[] buffer = free.poll();
        if (buffer != null && buffer.length >= length) {
            return buffer;
        }
        // A kept array too small for this chunk is dropped: the pool's arrays grow to what the chunks need.
        allocated.incrementAndGet();
        return new byte[(int) Math.min(Integer.MAX_VALUE - 8, ((long) length + GRAIN - 1) / GRAIN * GRAIN)];
    }

    /** Returns an array for reuse; one the pool has no room for is left to the garbage collector. */
    void give(byte[] buffer) {
        free.offer(buffer);
    }

    /** Arrays allocated rather than reused; read by tests. */
    int allocated() {
        return allocated.get();
    }
}
