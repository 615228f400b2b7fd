package dev.backroute.storage;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;

/**
 * A byte range of an open file as a markable InputStream that reads by position, so an SDK that marks the
 * whole block for retries (Azure's stageBlock does {@code mark(Integer.MAX_VALUE)}) rewinds by seeking instead
 * of buffering the block in memory. Slices share the channel; the caller closes it.
 */
public final class FileSlices {
    private FileSlices() {}

    public static InputStream slice(FileChannel channel, long start, long length) {
        return new Slice(channel, start, length);
    }

    private static final class Slice extends InputStream {
        private final FileChannel channel;
        private final long start;
        private final long length;
        private long pos;
        private long mark;

        Slice(FileChannel channel, long start, long length) {
            this.channel = channel;
            this.start = start;
            this.length = length;
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (len == 0) {
                return 0;
            }
            long left = length - pos;
            if (left <= 0) {
                return -1;
            }
            int n = channel.read(ByteBuffer.wrap(b, off, (int) Math.min(len, left)), start + pos);
            if (n < 0) {
                throw new IOException("staged file shrank while it was being uploaded");
            }
            pos += n;
            return n;
        }

        @Override
        public long skip(long n) {
            long s = Math.max(0, Math.min(n, length - pos));
            pos += s;
            return s;
        }

        @Override
        public int available() {
            return (int) Math.min(Integer.MAX_VALUE, length - pos);
        }

        @Override
        public boolean markSupported() { return true; }

        @Override
        public synchronized void mark(int readLimit) { mark = pos; }

        @Override
        public synchronized void reset() { pos = mark; }

        @Override
        public void close() {
            // the channel belongs to the upload, which closes it once every block is sent
        }
    }
}
