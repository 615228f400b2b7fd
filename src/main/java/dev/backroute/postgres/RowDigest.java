package dev.backroute.postgres;

import java.io.OutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * An order-independent digest of a table's rows in COPY text form: each {@code \n}-terminated line written to it is one
 * row, hashed with SHA-256, and the hashes are added modulo 2^256. A sum rather than XOR, so that two equal rows do
 * not cancel out. The backup feeds it the COPY block of the dump, the drill the same table's {@code COPY ... TO STDOUT}:
 * both sides go through this one class, so they cannot disagree on what a row is. A row is hashed as it streams, never
 * held whole.
 */
final class RowDigest extends OutputStream {
    private final MessageDigest sha;
    /** The sum, most significant word first. */
    private final long[] sum = new long[4];
    private long rows;

    RowDigest() {
        try {
            sha = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }

    @Override
    public void write(int b) {
        write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] b, int off, int len) {
        int end = off + len;
        int from = off;
        for (int i = off; i < end; i++) {
            if (b[i] == '\n') {
                sha.update(b, from, i - from);
                addRow(sha.digest());
                from = i + 1;
            }
        }
        sha.update(b, from, end - from);
    }

    private void addRow(byte[] hash) {
        long carry = 0;
        for (int word = 3; word >= 0; word--) {
            long value = 0;
            for (int i = 0; i < 8; i++) {
                value = (value << 8) | (hash[word * 8 + i] & 0xFF);
            }
            long partial = sum[word] + value;
            long total = partial + carry;
            // Unsigned overflow of either addition carries into the next word up.
            carry = Long.compareUnsigned(partial, value) < 0 || Long.compareUnsigned(total, partial) < 0 ? 1 : 0;
            sum[word] = total;
        }
        rows++;
    }

    long rows() {
        return rows;
    }

    /** The sum as 64 lowercase hex digits. */
    String hex() {
        StringBuilder hex = new StringBuilder(64);
        for (long word : sum) {
            hex.append(HexFormat.of().toHexDigits(word));
        }
        return hex.toString();
    }
}
