package dev.backroute.crypto;

import com.google.crypto.tink.StreamingAead;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.security.GeneralSecurityException;

/**
 * Tink's decrypting stream with failures a restore can act on. Tink tries each key on the first
 * read and, when none opens the first segment, throws one generic IOException; it also swallows
 * source read errors during that attempt, and reports a later bad segment with a dump of its state.
 * Watching the source tells the three cases apart: the source failed (rethrow that), no key matched
 * (the first read failed), or the ciphertext was modified or truncated.
 */
final class DecryptingInputStream extends InputStream {
    private final WatchedSource source;
    private final InputStream plaintext;
    private final String mismatchMessage;
    private boolean keyMatched;

    private DecryptingInputStream(WatchedSource source, InputStream plaintext, String mismatchMessage) {
        this.source = source;
        this.plaintext = plaintext;
        this.mismatchMessage = mismatchMessage;
    }

    static InputStream open(StreamingAead aead, InputStream ciphertext, byte[] associatedData, String mismatchMessage)
            throws IOException {
        WatchedSource source = new WatchedSource(ciphertext);
        try {
            return new DecryptingInputStream(source, aead.newDecryptingStream(source, associatedData), mismatchMessage);
        } catch (GeneralSecurityException e) {
            throw new IOException("cannot start decryption: " + e.getMessage(), e);
        }
    }

    @Override
    public int read() throws IOException {
        try {
            int value = plaintext.read();
            keyMatched = true;
            return value;
        } catch (IOException e) {
            throw translate(e);
        }
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
        if (length == 0) {
            // Tink returns 0 without trying any key, so this read must not count as a match.
            return 0;
        }
        try {
            int count = plaintext.read(buffer, offset, length);
            keyMatched = true;
            return count;
        } catch (IOException e) {
            throw translate(e);
        }
    }

    @Override
    public int available() throws IOException {
        return plaintext.available();
    }

    @Override
    public void close() throws IOException {
        plaintext.close();
    }

    private IOException translate(IOException tinkFailure) {
        if (source.failure != null) {
            return source.failure;
        }
        if (!keyMatched) {
            return new KeyMismatchException(mismatchMessage);
        }
        // Tink's message is a multi-line state dump; the cause keeps it (no key or plaintext in it) for debugging.
        return new IOException("authentication failed: the encrypted data was modified or truncated", tinkFailure);
    }

    /** Remembers an error of the underlying stream, which Tink may swallow or wrap. */
    private static final class WatchedSource extends FilterInputStream {
        private IOException failure;

        WatchedSource(InputStream in) {
            super(in);
        }

        @Override
        public int read() throws IOException {
            try {
                return super.read();
            } catch (IOException e) {
                failure = e;
                throw e;
            }
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            try {
                return super.read(buffer, offset, length);
            } catch (IOException e) {
                failure = e;
                throw e;
            }
        }

        /** Tink buffers the source itself when it cannot rewind it, so mark/reset need not be watched. */
        @Override
        public boolean markSupported() {
            return false;
        }
    }
}
