package dev.backroute.repository;

import java.io.IOException;
import java.io.OutputStream;

/**
 * Cuts what is written into content-defined chunks and hands each to a {@link Sink} as soon as its end is
 * known. Memory is one buffer of at most twice the maximum chunk size (16 MiB with the defaults), whatever the
 * length of the stream: a cut is looked for once a full maximum chunk is buffered, and the buffer is compacted
 * only when its tail is used up, so each byte is copied at most twice. The buffer starts small and doubles up
 * to that size as needed, so a small file or a small tree never costs 16 MiB.
 */
final class ChunkingOutputStream extends OutputStream {

    /** Receives each chunk; the bytes are valid only during the call. */
    interface Sink {
        void chunk(byte[] data, int offset, int length) throws IOException;
    }

    private final FastCdc cdc;
    private final Sink sink;
    private static final int INITIAL = 64 * 1024;

    private byte[] buffer;
    private int start;
    private int end;
    private long count;
    private boolean closed;

    ChunkingOutputStream(FastCdc cdc, Sink sink) {
        this(cdc, new byte[INITIAL], sink);
    }

    /**
     * Starts from a buffer handed over from an earlier stream's {@link #buffer()}, so a backup of many files
     * does not grow a new one for each. One stream at a time per buffer.
     */
    ChunkingOutputStream(FastCdc cdc, byte[] buffer, Sink sink) {
        this.cdc = cdc;
        this.sink = sink;
        this.buffer = buffer;
    }

    /** The buffer as grown so far, for the next stream. */
    byte[] buffer() {
        return buffer;
    }

    @Override
    public void write(int b) throws IOException {
        write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] data, int offset, int length) throws IOException {
        if (closed) {
            throw new IOException("chunking stream is closed");
        }
        while (length > 0) {
            if (end == buffer.length) {
                makeRoom();
            }
            int n = Math.min(length, buffer.length - end);
            System.arraycopy(data, offset, buffer, end, n);
            end += n;
            offset += n;
            length -= n;
            count += n;
            while (end - start >= cdc.max()) {
                emit(cdc.cut(buffer, start, end - start));
            }
        }
    }

    /** Grows the buffer until it holds two maximum chunks; from then on, moves the uncut tail to the front. */
    private void makeRoom() {
        byte[] target = buffer;
        if (buffer.length < 2 * cdc.max()) {
            target = new byte[(int) Math.min(2L * cdc.max(), Math.max(INITIAL, 2L * buffer.length))];
        }
        System.arraycopy(buffer, start, target, 0, end - start);
        buffer = target;
        end -= start;
        start = 0;
    }

    private void emit(int length) throws IOException {
        sink.chunk(buffer, start, length);
        start += length;
    }

    /** Bytes written so far. */
    long count() {
        return count;
    }

    /** Cuts the rest; an empty stream makes no chunk. */
    @Override
    public void close() throws IOException {
        if (closed) {
            return;
        }
        closed = true;
        while (end > start) {
            emit(cdc.cut(buffer, start, end - start));
        }
    }
}
