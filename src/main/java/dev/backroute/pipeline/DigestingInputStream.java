package dev.backroute.pipeline;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/** Passes bytes through while counting them and computing their SHA-256; no mark/reset, no skip. */
public final class DigestingInputStream extends FilterInputStream {
    private final Sha256 sha = new Sha256();

    public DigestingInputStream(InputStream in) {
        super(in);
    }

    @Override
    public int read() throws IOException {
        int b = in.read();
        if (b >= 0) {
            sha.update(b);
        }
        return b;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        int n = in.read(b, off, len);
        if (n > 0) {
            sha.update(b, off, n);
        }
        return n;
    }

    /** Skipping would leave bytes out of the digest, so it reads them instead. */
    @Override
    public long skip(long n) throws IOException {
        byte[] buf = new byte[(int) Math.min(n, 8192)];
        long done = 0;
        while (done < n) {
            int r = read(buf, 0, (int) Math.min(buf.length, n - done));
            if (r < 0) {
                break;
            }
            done += r;
        }
        return done;
    }

    @Override
    public boolean markSupported() { return false; }

    /** Reads what is left, so the digest covers the whole stream even when a consumer stopped early. */
    public void drain() throws IOException {
        byte[] buf = new byte[1 << 16];
        while (read(buf, 0, buf.length) >= 0) {
            // keep reading
        }
    }

    public long count() { return sha.count(); }

    public String sha256Hex() { return sha.hex(); }
}
