package dev.backroute.pipeline;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** SHA-256 with the byte count beside it; the two always travel together in a manifest. */
final class Sha256 {
    private final MessageDigest digest;
    private volatile long count;

    Sha256() {
        try {
            digest = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }

    void update(int b) {
        digest.update((byte) b);
        count++;
    }

    void update(byte[] b, int off, int len) {
        digest.update(b, off, len);
        count += len;
    }

    long count() { return count; }

    String hex() { return HexFormat.of().formatHex(digest.digest()); }
}
