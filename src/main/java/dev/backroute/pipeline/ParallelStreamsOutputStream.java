package dev.backroute.pipeline;

import org.apache.commons.compress.compressors.bzip2.BZip2CompressorOutputStream;
import org.tukaani.xz.ArrayCache;
import org.tukaani.xz.BasicArrayCache;
import org.tukaani.xz.XZ;
import org.tukaani.xz.XZOutputStream;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;

/**
 * xz and bzip2 in parallel: each block of input becomes one complete, independent stream of the
 * format, and the streams are written one after the other (pbzip2's method; {@code xz -T} instead
 * writes several blocks in one stream, which xz-java cannot assemble from separately encoded blocks).
 * {@code xz -d}, {@code bzip2 -d}, XZInputStream and BZip2CompressorInputStream (with concatenation on)
 * all read concatenated streams as one.
 */
final class ParallelStreamsOutputStream extends ParallelBlockOutputStream {
    /** bzip2: one stream per level × 100 kB, the format's own block size, so the ratio is unchanged. */
    static int bzip2Block(int level) { return level * 100_000; }

    /** xz: 4 MiB blocks, with the dictionary capped at the block size (a bigger one could not be used). */
    static final int XZ_BLOCK = 4 << 20;

    private final Compression compression;
    private final int level;
    private final ArrayCache cache = new BasicArrayCache();

    ParallelStreamsOutputStream(OutputStream out, Compression compression, int level, int threads, int blockSize) {
        super(out, threads, blockSize);
        if (compression != Compression.LZMA && compression != Compression.BZIP2) {
            throw new IllegalArgumentException("concatenated streams only for lzma and bzip2, not " + compression);
        }
        this.compression = compression;
        this.level = level;
    }

    static ParallelStreamsOutputStream xz(OutputStream out, int level, int threads) {
        return new ParallelStreamsOutputStream(out, Compression.LZMA, level, threads, XZ_BLOCK);
    }

    static ParallelStreamsOutputStream bzip2(OutputStream out, int level, int threads) {
        return new ParallelStreamsOutputStream(out, Compression.BZIP2, level, threads, bzip2Block(level));
    }

    @Override
    byte[] header() { return new byte[0]; }

    @Override
    byte[] trailer() { return new byte[0]; }

    @Override
    BlockWorker newWorker() {
        return new BlockWorker() {
            @Override
            public Compressed compress(byte[] data, int length, byte[] previous, int previousLength, boolean last) throws IOException {
                if (length == 0 && !last) {
                    return new Compressed(outputBuffer(0), 0);
                }
                RecycledBuffer buf = new RecycledBuffer(outputBuffer(length / 2 + 1024));
                try (OutputStream s = open(buf)) {
                    s.write(data, 0, length);
                }
                return buf.compressed();
            }

            @Override
            public void close() {
                // nothing held outside the shared array cache
            }
        };
    }

    /** Collects a block's output in a recycled array, growing it like ByteArrayOutputStream does, without a final copy. */
    private static final class RecycledBuffer extends ByteArrayOutputStream {
        RecycledBuffer(byte[] initial) {
            super(0);
            buf = initial;
        }

        Compressed compressed() {
            return new Compressed(buf, count);
        }
    }

    private OutputStream open(OutputStream buf) throws IOException {
        if (compression == Compression.BZIP2) {
            return new BZip2CompressorOutputStream(buf, level);
        }
        return new XZOutputStream(buf, Compression.xzOptions(level, XZ_BLOCK), XZ.CHECK_CRC64, cache);
    }
}
