package dev.backroute.pipeline;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * A stream whose bytes are taken from a {@link Throttle} as they are read, at most one burst per read so that no
 * single read passes more than the throttle allows at once. Skipped bytes are read too: over a network they travel
 * all the same. Marking and resetting are the wrapped stream's; bytes read again after a reset are taken again, as
 * an upload that rewinds sends them again.
 */
final class ThrottledInputStream extends FilterInputStream {
    private final Throttle throttle;

    ThrottledInputStream(InputStream in, Throttle throttle) {
        super(in);
        this.throttle = throttle;
    }

    @Override
    public int read() throws IOException {
        int b = in.read();
        if (b >= 0) {
            throttle.take(1);
        }
        return b;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        int n = in.read(b, off, Math.min(len, throttle.burst()));
        if (n > 0) {
            throttle.take(n);
        }
        return n;
    }

    @Override
    public long skip(long n) throws IOException {
        byte[] buffer = new byte[(int) Math.min(Math.max(n, 0), 8192)];
        long skipped = 0;
        while (skipped < n) {
            int r = read(buffer, 0, (int) Math.min(buffer.length, n - skipped));
            if (r < 0) {
                break;
            }
            skipped += r;
        }
        return skipped;
    }
}
