package dev.backroute.repository;

import java.io.IOException;

/** A fixed-key AES-GCM wrap: the tests that are not about Tink keysets open repositories with it, quickly. */
final class TestKeyWrap implements KeyWrap {
    private final AesGcmSealer sealer;

    TestKeyWrap(int seed) {
        byte[] key = new byte[32];
        key[0] = (byte) seed;
        this.sealer = new AesGcmSealer(key);
    }

    @Override
    public byte[] wrap(byte[] keyMaterial, byte[] associatedData) {
        return sealer.seal(keyMaterial, associatedData);
    }

    @Override
    public byte[] unwrap(byte[] wrapped, byte[] associatedData) throws IOException {
        try {
            return sealer.open(wrapped, associatedData);
        } catch (Sealer.SealBrokenException e) {
            throw new IOException("the test key does not open this key file");
        }
    }
}
