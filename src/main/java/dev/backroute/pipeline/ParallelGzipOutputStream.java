package dev.backroute.pipeline;

import java.io.OutputStream;
import java.util.Arrays;
import java.util.zip.CRC32;
import java.util.zip.Deflater;

/**
 * pigz's method: the input is cut into 128 KiB blocks, each deflated (raw deflate) on a worker with the
 * last 32 KiB of the block before it as preset dictionary, ended with a sync flush (the last one with
 * the final-block bit). The blocks are byte-aligned deflate streams that concatenate into one: written
 * after one gzip header and followed by the CRC-32 and size of the whole input, they form a single
 * gzip member that {@code gunzip} and {@link java.util.zip.GZIPInputStream} read as usual.
 */
final class ParallelGzipOutputStream extends ParallelBlockOutputStream {
    static final int BLOCK = 128 * 1024;
    private static final int DICTIONARY = 32 * 1024;
    /** The header GZIPOutputStream writes: magic, deflate, no flags, no mtime, no extra flags, OS 0. */
    private static final byte[] HEADER = {0x1f, (byte) 0x8b, 8, 0, 0, 0, 0, 0, 0, 0};

    private final int level;
    private final CRC32 crc = new CRC32();
    private long size;

    ParallelGzipOutputStream(OutputStream out, int level, int threads) {
        this(out, level, threads, BLOCK);
    }

    ParallelGzipOutputStream(OutputStream out, int level, int threads, int blockSize) {
        super(out, threads, blockSize);
        if (level < 1 || level > 9) {
            throw new IllegalArgumentException("gzip level must be 1 to 9, got " + level);
        }
        this.level = level;
    }

    @Override
    byte[] header() { return HEADER.clone(); }

    @Override
    void onInput(byte[] b, int off, int len) {
        crc.update(b, off, len);
        size += len;
    }

    @Override
    byte[] trailer() {
        long c = crc.getValue();
        return new byte[] {
                (byte) c, (byte) (c >>> 8), (byte) (c >>> 16), (byte) (c >>> 24),
                (byte) size, (byte) (size >>> 8), (byte) (size >>> 16), (byte) (size >>> 24)};
    }

    @Override
    BlockWorker newWorker() {
        Deflater deflater = new Deflater(level, true);
        return new BlockWorker() {
            @Override
            public Compressed compress(byte[] data, int length, byte[] previous, int previousLength, boolean last) {
                deflater.reset();
                if (previous != null && previousLength > 0) {
                    int dict = Math.min(DICTIONARY, previousLength);
                    deflater.setDictionary(previous, previousLength - dict, dict);
                }
                deflater.setInput(data, 0, length);
                byte[] buf = outputBuffer(length + (length >>> 3) + 64);
                int pos = 0;
                if (last) {
                    deflater.finish();
                    while (!deflater.finished()) {
                        if (pos == buf.length) {
                            buf = Arrays.copyOf(buf, buf.length * 2);
                        }
                        pos += deflater.deflate(buf, pos, buf.length - pos, Deflater.NO_FLUSH);
                    }
                } else {
                    while (true) {
                        int n = deflater.deflate(buf, pos, buf.length - pos, Deflater.SYNC_FLUSH);
                        pos += n;
                        if (pos < buf.length) {
                            break;
                        }
                        buf = Arrays.copyOf(buf, buf.length * 2);
                    }
                }
                return new Compressed(buf, pos);
            }

            @Override
            public void close() { deflater.end(); }
        };
    }
}
