package dev.backroute.repository;

import java.io.IOException;
import java.io.OutputStream;

/**
 * Cuts what is written into content-defined chunks and hands each to a {@link Sink} as soon as its end is
 * known. Memory is one buffer of twice the maximum chunk size (16 MiB with the defaults), whatever the length
 * of the stream: a cut is looked for once a full maximum chunk is buffered, and the buffer is compacted only
 * when its tail is used up, so each byte is copied at most twice.
 */
final class ChunkingOutputStream extends OutputStream {

    /** Receives each chunk; the bytes are valid only during the call. */
    interface Sink {
        void chunk(byte[] data, int offset, int length) throws IOException;
    }

    private final FastCdc cdc;
    private final Sink sink;
    private final byte[] buffer;
    private int start;
    private int end;
    private long count;
    private boolean closed;

    ChunkingOutputStream(FastCdc cdc, Sink sink) {
        this(cdc, newBuffer(cdc), sink);
    }

    /**
     * Chunks into a caller's buffer from {@link #newBuffer}, so a backup of many small files re-uses one
     * buffer instead of allocating 16 MiB per file. One stream at a time per buffer.
     */
    ChunkingOutputStream(FastCdc cdc, byte[] buffer, Sink sink) {
        if (buffer.length < 2 * cdc.max()) {
            throw new IllegalArgumentException("the chunking buffer must hold two maximum chunks");
        }
        this.cdc = cdc;
        this.sink = sink;
        this.buffer = buffer;
    }

    static byte[] newBuffer(FastCdc cdc) {
        return new byte[2 * cdc.max()];
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
                System.arraycopy(buffer, start, buffer, 0, end - start);
                end -= start;
                start = 0;
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
