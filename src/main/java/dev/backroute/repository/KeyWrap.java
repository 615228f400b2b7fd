package dev.backroute.repository;

import java.io.IOException;

/**
 * The caller's AEAD that wraps the repository's key file (envelope encryption): in production the type's
 * Tink keyset ({@link KeysetKeyWrap}). Only the small key file is ever encrypted with it, so rotating the
 * keyset means re-wrapping that file, not re-encrypting the data.
 */
public interface KeyWrap {

    byte[] wrap(byte[] keyMaterial, byte[] associatedData) throws IOException;

    /** Fails with an IOException whose message says why (wrong keyset, damaged file), never with key material. */
    byte[] unwrap(byte[] wrapped, byte[] associatedData) throws IOException;
}
