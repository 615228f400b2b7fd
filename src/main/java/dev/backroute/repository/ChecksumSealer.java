package dev.backroute.repository;

import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;

/**
 * The unencrypted repositories' seal: {@code plaintext || SHA-256(len(ad) || ad || plaintext)}. It catches
 * damage, truncation and an object moved to another name or chunk id, but anyone who can write the storage
 * can compute it: it is a checksum, not authentication (docs/repository.md, Unencrypted repositories).
 */
final class ChecksumSealer implements Sealer {
    private static final int DIGEST = 32;

    @Override
    public void seal(byte[] plaintext, int offset, int length, byte[] associatedData, byte[] out) {
        System.arraycopy(plaintext, offset, out, 0, length);
        System.arraycopy(digest(plaintext, offset, length, associatedData), 0, out, length, DIGEST);
    }

    @Override
    public int open(byte[] sealed, int offset, int length, byte[] associatedData, byte[] out) throws SealBrokenException {
        if (length < DIGEST) {
            throw new SealBrokenException("fails its checksum");
        }
        int plain = length - DIGEST;
        byte[] expected = digest(sealed, offset, plain, associatedData);
        if (!MessageDigest.isEqual(expected, Arrays.copyOfRange(sealed, offset + plain, offset + length))) {
            throw new SealBrokenException("fails its checksum");
        }
        System.arraycopy(sealed, offset, out, 0, plain);
        return plain;
    }

    @Override
    public int overhead() {
        return DIGEST;
    }

    private static byte[] digest(byte[] data, int offset, int length, byte[] associatedData) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(ByteBuffer.allocate(4).putInt(associatedData.length).array());
            sha.update(associatedData);
            sha.update(data, offset, length);
            return sha.digest();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}
