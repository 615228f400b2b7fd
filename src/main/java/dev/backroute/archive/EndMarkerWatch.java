package dev.backroute.archive;

import java.io.EOFException;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Arrays;

/**
 * Watches the raw archive bytes for the end-of-archive marker. commons-compress reports the end
 * of the archive both on a zero record and on a plain end of input, so without this an archive
 * cut off between two entries (or inside a header) would pass for a complete one.
 */
final class EndMarkerWatch extends FilterInputStream {

    private static final int RECORD_SIZE = 512;
    private static final byte[] ZEROS = new byte[RECORD_SIZE];

    private long position;
    private boolean recordAllZero = true;
    private long lastZeroRecordStart = -1;

    EndMarkerWatch(InputStream in) {
        super(in);
    }

    /** How many bytes the tar reader has taken so far. */
    long position() {
        return position;
    }

    /** @param entriesEnd the position where the last entry's data ended (0 for no entries) */
    void requireEndMarkerAfter(long entriesEnd) throws EOFException {
        if (lastZeroRecordStart < entriesEnd) {
            throw new EOFException("archive is truncated: the input ended before the end-of-archive marker");
        }
    }

    /** Reads the rest of the input (block padding), so that digests over the stream are complete. */
    void drain() throws IOException {
        in.transferTo(OutputStream.nullOutputStream());
    }

    @Override
    public int read() throws IOException {
        int b = in.read();
        if (b >= 0) {
            observe((byte) b);
        }
        return b;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
        int n = in.read(buffer, offset, length);
        if (n > 0) {
            observe(buffer, offset, n);
        }
        return n;
    }

    /** Skipped bytes must be observed too, or the positions would drift. */
    @Override
    public long skip(long n) throws IOException {
        byte[] scratch = new byte[RECORD_SIZE];
        long skipped = 0;
        while (skipped < n) {
            int read = read(scratch, 0, (int) Math.min(scratch.length, n - skipped));
            if (read < 0) {
                break;
            }
            skipped += read;
        }
        return skipped;
    }

    /** Marking would let a reader re-read bytes this watch has already counted. */
    @Override
    public boolean markSupported() {
        return false;
    }

    /** The same as observing each byte, a record piece at a time (a vectorized zero check, not a loop per byte). */
    private void observe(byte[] buffer, int offset, int length) {
        while (length > 0) {
            int n = (int) Math.min(length, RECORD_SIZE - position % RECORD_SIZE);
            if (recordAllZero) {
                recordAllZero = Arrays.mismatch(buffer, offset, offset + n, ZEROS, 0, n) < 0;
            }
            position += n;
            offset += n;
            length -= n;
            if (position % RECORD_SIZE == 0) {
                if (recordAllZero) {
                    lastZeroRecordStart = position - RECORD_SIZE;
                }
                recordAllZero = true;
            }
        }
    }

    private void observe(byte b) {
        recordAllZero &= b == 0;
        position++;
        if (position % RECORD_SIZE == 0) {
            if (recordAllZero) {
                lastZeroRecordStart = position - RECORD_SIZE;
            }
            recordAllZero = true;
        }
    }
}
