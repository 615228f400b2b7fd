package dev.backroute.pipeline;

import java.io.IOException;
import java.io.InputStream;
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

    /**
     * Reads {@code in} to its end on a new thread, ahead of the caller, through the same bounded
     * queue: the returned stream gives the same bytes, and rethrows what reading {@code in} threw
     * once the bytes before the failure are consumed. Closing it stops the reader thread and waits for
     * it, so {@code in} can be used again by the caller afterwards; it does not close {@code in}.
     */
    public static ReadAhead readAhead(InputStream in) {
        return produced(out -> {
            byte[] buffer = new byte[BUFFER];
            int n;
            while ((n = in.read(buffer)) >= 0) {
                out.write(buffer, 0, n);
            }
        });
    }

    /**
     * What {@code content} writes, produced on a new thread ahead of the caller, as a stream: as {@link #readAhead},
     * for a source that writes rather than being read (a tar stream rebuilt from a snapshot's tree).
     */
    public static ReadAhead produced(Content content) {
        return new Handoff(BUFFER, BUFFERS).startProducing(content);
    }

    private ReadAhead startProducing(Content content) {
        Thread producer = new Thread(() -> produce(content), "backroute-read-ahead-" + IDS.incrementAndGet());
        producer.setDaemon(true);
        producer.start();
        return new ReadAhead(producer);
    }

    /** The consuming side of {@link #readAhead}. */
    public final class ReadAhead extends InputStream {
        private final Thread producer;
        private Chunk current;
        private int position;
        private boolean ended;
        private boolean closed;

        private ReadAhead(Thread producer) {
            this.producer = producer;
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (closed) {
                throw new IOException("stream closed");
            }
            if (len == 0) {
                return 0;
            }
            while (current == null || position == current.length()) {
                if (current != null) {
                    free.add(current.data());
                    current = null;
                }
                if (ended) {
                    return -1;
                }
                Chunk next;
                try {
                    next = full.take();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new InterruptedIOException("interrupted while reading the backup");
                }
                if (next == END) {
                    ended = true;
                    joinQuietly(producer);
                    rethrowProducerFailure();
                    return -1;
                }
                current = next;
                position = 0;
            }
            int n = Math.min(len, current.length() - position);
            System.arraycopy(current.data(), position, b, off, n);
            position += n;
            return n;
        }

        /** Reads everything that is left (discarding it), so the source has been read to its end. */
        public void drain() throws IOException {
            byte[] sink = new byte[1 << 16];
            while (read(sink, 0, sink.length) >= 0) {
                // discard
            }
        }

        /**
         * Stops the reader thread and waits until it no longer touches the source. Not by interrupting
         * it (an interrupt closes a FileChannel under it, and the caller still reads the source to its
         * end for the digest): it notices within 100 ms, after the read in progress.
         */
        @Override
        public void close() {
            if (!closed) {
                closed = true;
                cancelled = true;
                joinQuietly(producer);
            }
        }
    }

    private void rethrowProducerFailure() throws IOException {
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
        rethrowProducerFailure();
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
            try {
                stream.handOff(); // the bytes before the failure still come first
            } catch (IOException | RuntimeException ignored) {
                // the writer gave up; it has its own failure to report
            }
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
