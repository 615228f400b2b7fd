package dev.backroute.repository;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;

/**
 * FastCDC's 256 random 64-bit values, derived from the repository's chunker secret with HMAC-SHA256 instead of
 * a published table. With a public table, chunk boundaries (visible to the storage as blob lengths) would
 * betray which known content a repository holds; with a secret one they depend on the secret too, as restic's
 * random polynomial and Borg's chunker seed do.
 */
final class GearTable {
    private static final byte[] LABEL = "backroute fastcdc gear v1".getBytes(StandardCharsets.US_ASCII);

    private final long[] values;

    private GearTable(long[] values) {
        this.values = values;
    }

    static GearTable derive(byte[] secret) {
        long[] values = new long[256];
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret, "HmacSHA256"));
            for (int block = 0; block < 64; block++) {
                mac.update(LABEL);
                ByteBuffer out = ByteBuffer.wrap(mac.doFinal(new byte[] {(byte) block}));
                for (int i = 0; i < 4; i++) {
                    values[block * 4 + i] = out.getLong();
                }
            }
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA256 is not available", e);
        }
        return new GearTable(values);
    }

    long[] values() {
        return values;
    }
}
