package dev.backroute.repository;

import dev.backroute.crypto.Keyset;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/**
 * Wraps the key file with the type's backup keyset: the primary key wraps, every enabled key unwraps, so a
 * key file wrapped before a keyset rotation still opens, and {@link Repository#rewrapKey} moves it to the
 * new primary. A keyset that holds none of the keys fails with {@link dev.backroute.crypto.KeyMismatchException}.
 */
public final class KeysetKeyWrap implements KeyWrap {
    private final Keyset keyset;

    public KeysetKeyWrap(Keyset keyset) {
        this.keyset = keyset;
    }

    @Override
    public byte[] wrap(byte[] keyMaterial, byte[] associatedData) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (OutputStream encrypting = keyset.encrypt(out, associatedData)) {
            encrypting.write(keyMaterial);
        }
        return out.toByteArray();
    }

    @Override
    public byte[] unwrap(byte[] wrapped, byte[] associatedData) throws IOException {
        try (InputStream in = keyset.decrypt(new ByteArrayInputStream(wrapped), associatedData)) {
            return in.readAllBytes();
        }
    }
}
