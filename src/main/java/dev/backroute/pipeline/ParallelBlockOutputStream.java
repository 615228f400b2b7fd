package dev.backroute.pipeline;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Compresses fixed-size blocks of its input on worker threads and writes the compressed blocks, in
 * input order, to the underlying stream from the caller's thread. At most {@code 2 × threads} blocks
 * are in flight (handed to a worker, or compressed and not yet written), so memory is bounded by
 * about {@code 2 × threads × 2 × blockSize} whatever the input size.
 *
 * <p>The caller's thread keeps producing (e.g. tar + plaintext digest) and writing (e.g. encryption +
 * stored digest) while the workers compress: neither adds a serial pass. A failure on a worker is
 * rethrown to the caller as an IOException by the next write or by close; close after a failure shuts
 * the workers down without waiting for the remaining blocks.
 *
 * <p>Input blocks and output buffers are recycled once written (a gigabyte would otherwise leave
 * about two gigabytes of short-lived arrays behind, which the JVM answers by growing its heap).
 */
abstract class ParallelBlockOutputStream extends OutputStream {

    /** A compressed block, {@code data[0..length)}. */
    record Compressed(byte[] data, int length) {}

    /** Per-thread compressor state (a Deflater, an encoder's buffers), reused from block to block. */
    interface BlockWorker extends AutoCloseable {
        /**
         * Compresses {@code data[0..length)}; {@code previous} (may be null) is the input of the block
         * before it, for codecs that prime their dictionary with it. Must not modify either array.
         * The result may be in an array from {@link #outputBuffer}.
         */
        Compressed compress(byte[] data, int length, byte[] previous, int previousLength, boolean last) throws IOException;

        @Override
        void close();
    }

    private static final AtomicInteger POOL_IDS = new AtomicInteger();

    private final OutputStream out;
    private final int blockSize;
    private final int maxInFlight;
    private final ExecutorService executor;
    private final BlockingQueue<BlockWorker> workers;
    private final List<BlockWorker> allWorkers = new ArrayList<>();
    private final ArrayDeque<Pending> inFlight = new ArrayDeque<>();
    /** Input blocks to reuse; touched on the caller's thread only. */
    private final ArrayDeque<byte[]> spareBlocks = new ArrayDeque<>();
    /** Output buffers to reuse: workers take them, the caller's thread gives them back once written. */
    private final BlockingQueue<byte[]> spareOutputs;
    /** The input of the block written last: the block after it may read it as its dictionary until written too. */
    private byte[] writtenInput;

    private byte[] block;
    private int filled;
    private byte[] previous;
    private int previousLength;
    private boolean headerWritten;
    private boolean closed;
    private IOException failure;
    /** The most blocks ever in flight at once; read by tests to check the memory bound. */
    private int peakInFlight;
    /** Input blocks and output buffers allocated rather than recycled; read by tests. */
    private final AtomicInteger arraysAllocated = new AtomicInteger();

    ParallelBlockOutputStream(OutputStream out, int threads, int blockSize) {
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be at least 1, got " + threads);
        }
        this.out = out;
        this.blockSize = blockSize;
        this.maxInFlight = 2 * threads;
        this.block = newOrSpareBlock();
        this.spareOutputs = new ArrayBlockingQueue<>(maxInFlight + threads);
        this.workers = new ArrayBlockingQueue<>(threads);
        int pool = POOL_IDS.incrementAndGet();
        AtomicInteger ids = new AtomicInteger();
        ThreadFactory factory = r -> {
            Thread t = new Thread(r, "backroute-compress-" + pool + "-" + ids.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
        this.executor = Executors.newFixedThreadPool(threads, factory);
    }

    private record Pending(Future<Compressed> result, byte[] input) {}

    /** An array of at least {@code minLength} bytes for a worker's output, recycled when one is free. */
    byte[] outputBuffer(int minLength) {
        byte[] spare = spareOutputs.poll();
        if (spare != null && spare.length >= minLength) {
            return spare;
        }
        arraysAllocated.incrementAndGet();
        return new byte[minLength];
    }

    private byte[] newOrSpareBlock() {
        if (!spareBlocks.isEmpty()) {
            return spareBlocks.pop();
        }
        arraysAllocated.incrementAndGet();
        return new byte[blockSize];
    }

    /** Creates one worker's state; called lazily, at most {@code threads} times. */
    abstract BlockWorker newWorker();

    /** Written once before the first block (may be empty). */
    abstract byte[] header();

    /** Sees every input byte in order, on the caller's thread (e.g. the gzip CRC). */
    void onInput(byte[] b, int off, int len) {
        // nothing by default
    }

    /** Written once after the last block (may be empty). */
    abstract byte[] trailer();

    int peakInFlight() { return peakInFlight; }

    int maxInFlight() { return maxInFlight; }

    int arraysAllocated() { return arraysAllocated.get(); }

    @Override
    public void write(int b) throws IOException {
        write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
        ensureOpen();
        while (len > 0) {
            int n = Math.min(len, blockSize - filled);
            System.arraycopy(b, off, block, filled, n);
            onInput(b, off, n);
            filled += n;
            off += n;
            len -= n;
            if (filled == blockSize) {
                submit(false);
            }
        }
    }

    /** Writes out the blocks compressed so far; does not cut the current block short (that would cost ratio). */
    @Override
    public void flush() throws IOException {
        ensureOpen();
        writeCompleted(false);
        out.flush();
    }

    @Override
    public void close() throws IOException {
        if (closed) {
            return;
        }
        closed = true;
        try {
            if (failure == null) {
                submit(true);
                while (!inFlight.isEmpty()) {
                    writeHead();
                }
                writeOut(trailer());
                out.flush();
            }
        } finally {
            shutdown();
            out.close();
        }
    }

    private void ensureOpen() throws IOException {
        if (failure != null) {
            throw new IOException("compression failed earlier: " + failure.getMessage(), failure);
        }
        if (closed) {
            throw new IOException("stream closed");
        }
    }

    private void submit(boolean last) throws IOException {
        if (!headerWritten) {
            headerWritten = true;
            writeOut(header());
        }
        while (inFlight.size() >= maxInFlight) {
            writeHead();
        }
        byte[] data = block;
        int length = filled;
        byte[] prev = previous;
        int prevLength = previousLength;
        inFlight.add(new Pending(executor.submit(() -> compressOnWorker(data, length, prev, prevLength, last)), data));
        peakInFlight = Math.max(peakInFlight, inFlight.size());
        previous = data;
        previousLength = length;
        block = last ? null : newOrSpareBlock();
        filled = 0;
        writeCompleted(false);
    }

    private Compressed compressOnWorker(byte[] data, int length, byte[] prev, int prevLength, boolean last) throws IOException {
        BlockWorker worker = workers.poll();
        if (worker == null) {
            worker = newWorker();
            synchronized (allWorkers) {
                allWorkers.add(worker);
            }
        }
        try {
            return worker.compress(data, length, prev, prevLength, last);
        } finally {
            workers.offer(worker);
        }
    }

    private void writeCompleted(boolean all) throws IOException {
        while (!inFlight.isEmpty() && (all || inFlight.peekFirst().result().isDone())) {
            writeHead();
        }
    }

    private void writeHead() throws IOException {
        Pending head = inFlight.peekFirst();
        Compressed compressed;
        try {
            compressed = head.result().get();
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            String why = cause instanceof IOException ? cause.getMessage() : String.valueOf(cause);
            throw fail(new IOException("compression failed on a worker thread: " + why, cause));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            InterruptedIOException interrupted = new InterruptedIOException("interrupted while compressing");
            throw fail(interrupted);
        }
        inFlight.removeFirst();
        writeOut(compressed.data(), compressed.length());
        spareOutputs.offer(compressed.data());
        if (writtenInput != null) {
            spareBlocks.push(writtenInput);
        }
        writtenInput = head.input();
    }

    private void writeOut(byte[] bytes) throws IOException {
        writeOut(bytes, bytes.length);
    }

    private void writeOut(byte[] bytes, int length) throws IOException {
        try {
            out.write(bytes, 0, length);
        } catch (IOException e) {
            throw fail(e);
        }
    }

    private IOException fail(IOException e) {
        failure = e;
        for (Pending p : inFlight) {
            p.result().cancel(true);
        }
        inFlight.clear();
        return e;
    }

    private void shutdown() {
        executor.shutdownNow();
        try {
            executor.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        synchronized (allWorkers) {
            allWorkers.forEach(BlockWorker::close);
            allWorkers.clear();
        }
        block = null;
        previous = null;
        writtenInput = null;
        spareBlocks.clear();
        spareOutputs.clear();
    }
}
