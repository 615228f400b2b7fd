package dev.backroute.repository;

import dev.backroute.crypto.GcmWarmup;

import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;

/**
 * AES-256-GCM with a random 96-bit nonce per object: {@code nonce || ciphertext || 16-byte tag}. Random
 * nonces keep writers stateless (several backups may write at once); NIST's bound of 2^32 messages per key
 * is about 4 PB of 1 MiB chunks, far beyond one repository's life.
 */
final class AesGcmSealer implements Sealer {
    private static final int NONCE = 12;
    private static final int TAG_BITS = 128;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final SecretKeySpec key;

    AesGcmSealer(byte[] key) {
        if (key.length != 32) {
            throw new IllegalArgumentException("AES-256 needs a 32-byte key");
        }
        this.key = new SecretKeySpec(key, "AES");
        // One doFinal per chunk is too few calls for the JIT to reach the AES-NI path on its own.
        GcmWarmup.start();
    }

    @Override
    public void seal(byte[] plaintext, int offset, int length, byte[] associatedData, byte[] out) {
        byte[] nonce = new byte[NONCE];
        RANDOM.nextBytes(nonce);
        try {
            System.arraycopy(nonce, 0, out, 0, NONCE);
            cipher(Cipher.ENCRYPT_MODE, nonce, associatedData).doFinal(plaintext, offset, length, out, NONCE);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is not available", e);
        }
    }

    @Override
    public int open(byte[] sealed, int offset, int length, byte[] associatedData, byte[] out) throws SealBrokenException {
        if (length < overhead()) {
            throw new SealBrokenException("fails authentication");
        }
        byte[] nonce = new byte[NONCE];
        System.arraycopy(sealed, offset, nonce, 0, NONCE);
        try {
            return cipher(Cipher.DECRYPT_MODE, nonce, associatedData).doFinal(sealed, offset + NONCE, length - NONCE, out, 0);
        } catch (AEADBadTagException e) {
            throw new SealBrokenException("fails authentication");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is not available", e);
        }
    }

    @Override
    public int overhead() {
        return NONCE + TAG_BITS / 8;
    }

    private Cipher cipher(int mode, byte[] nonce, byte[] associatedData) throws GeneralSecurityException {
        Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
        cipher.init(mode, key, new GCMParameterSpec(TAG_BITS, nonce));
        cipher.updateAAD(associatedData);
        return cipher;
    }
}
