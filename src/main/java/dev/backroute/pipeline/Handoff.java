package dev.backroute.pipeline;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Runs a {@link Content} on its own thread and writes what it produces to {@code out} on the calling
 * thread, through a bounded queue of buffers. The producing side of a backup (reading the source,
 * tar, the plaintext digest) then overlaps with the writing side (compression, encryption, the stored
 * digest, the file) instead of taking turns on one thread. Memory: {@code buffers × bufferSize}.
 *
 * <p>A failure on either side ends both: the producer's exception is rethrown to the caller; when the
 * writer fails (or is interrupted) the producer is interrupted and its next write fails, and the
 * caller waits for it to stop before returning.
 */
public final class Handoff {
    static final int BUFFER = 1 << 20;
    static final int BUFFERS = 4;
    private static final AtomicInteger IDS = new AtomicInteger();

    private record Chunk(byte[] data, int length) {}

    private static final Chunk END = new Chunk(new byte[0], -1);

    private final BlockingQueue<Chunk> full;
    private final BlockingQueue<byte[]> free;
    private volatile boolean cancelled;
    private volatile Throwable producerFailure;

    private Handoff(int bufferSize, int buffers) {
        full = new ArrayBlockingQueue<>(buffers + 1);
        free = new ArrayBlockingQueue<>(buffers);
        for (int i = 0; i < buffers; i++) {
            free.add(new byte[bufferSize]);
        }
    }

    /** Writes {@code content} to {@code out}, producing on a new thread and writing on this one. */
    public static void run(Content content, OutputStream out) throws IOException {
        run(content, out, BUFFER, BUFFERS);
    }

    static void run(Content content, OutputStream out, int bufferSize, int buffers) throws IOException {
        new Handoff(bufferSize, buffers).transfer(content, out);
    }

    private void transfer(Content content, OutputStream out) throws IOException {
        Thread producer = new Thread(() -> produce(content), "backroute-source-" + IDS.incrementAndGet());
        producer.setDaemon(true);
        producer.start();
        try {
            while (true) {
                Chunk chunk = full.take();
                if (chunk == END) {
                    break;
                }
                out.write(chunk.data(), 0, chunk.length());
                free.add(chunk.data());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            stop(producer);
            throw new InterruptedIOException("interrupted while writing the backup");
        } catch (IOException | RuntimeException | Error e) {
            stop(producer);
            throw e;
        }
        joinQuietly(producer);
        Throwable failure = producerFailure;
        if (failure instanceof IOException io) {
            throw io;
        } else if (failure instanceof RuntimeException re) {
            throw re;
        } else if (failure instanceof Error err) {
            throw err;
        } else if (failure != null) {
            throw new IOException(failure);
        }
    }

    private void stop(Thread producer) {
        cancelled = true;
        producer.interrupt();
        joinQuietly(producer);
    }

    private static void joinQuietly(Thread producer) {
        boolean interrupted = false;
        while (producer.isAlive()) {
            try {
                producer.join();
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    private void produce(Content content) {
        ProducerStream stream = new ProducerStream();
        try {
            content.writeTo(stream);
            stream.handOff();
        } catch (Throwable t) {
            producerFailure = t;
        } finally {
            // The writer takes END after the last chunk (or right away after a failure: it then
            // rethrows the failure); when the writer has already given up nobody reads it.
            while (!cancelled) {
                try {
                    if (full.offer(END, 100, TimeUnit.MILLISECONDS)) {
                        break;
                    }
                } catch (InterruptedException e) {
                    // cancelled is set before the interrupt; the loop condition ends it
                }
            }
        }
    }

    /** The producer's side: fills a free buffer, hands it to the writer when full. */
    private final class ProducerStream extends OutputStream {
        private byte[] buffer;
        private int filled;

        @Override
        public void write(int b) throws IOException {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            while (len > 0) {
                if (buffer == null) {
                    buffer = await(free);
                    filled = 0;
                }
                int n = Math.min(len, buffer.length - filled);
                System.arraycopy(b, off, buffer, filled, n);
                filled += n;
                off += n;
                len -= n;
                if (filled == buffer.length) {
                    handOff();
                }
            }
        }

        void handOff() throws IOException {
            if (buffer != null && filled > 0) {
                Chunk chunk = new Chunk(buffer, filled);
                try {
                    while (!full.offer(chunk, 100, TimeUnit.MILLISECONDS)) {
                        checkCancelled();
                    }
                } catch (InterruptedException e) {
                    throw new InterruptedIOException("the backup's writer stopped");
                }
                buffer = null;
            }
        }

        private <T> T await(BlockingQueue<T> queue) throws IOException {
            try {
                T item;
                while ((item = queue.poll(100, TimeUnit.MILLISECONDS)) == null) {
                    checkCancelled();
                }
                return item;
            } catch (InterruptedException e) {
                throw new InterruptedIOException("the backup's writer stopped");
            }
        }

        private void checkCancelled() throws IOException {
            if (cancelled) {
                throw new IOException("the backup's writer stopped");
            }
        }
    }

}
