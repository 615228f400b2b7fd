package dev.backroute.pipeline;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;

/** Passes bytes through while counting them and computing their SHA-256. */
public final class DigestingOutputStream extends FilterOutputStream {
    private final Sha256 sha = new Sha256();

    public DigestingOutputStream(OutputStream out) {
        super(out);
    }

    @Override
    public void write(int b) throws IOException {
        out.write(b);
        sha.update(b);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
        out.write(b, off, len);
        sha.update(b, off, len);
    }

    /** Bytes written so far; safe to read from another thread (progress display). */
    public long count() { return sha.count(); }

    /** The digest of everything written; call once, at the end. */
    public String sha256Hex() { return sha.hex(); }
}
