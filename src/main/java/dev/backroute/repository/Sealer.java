package dev.backroute.repository;

/**
 * Protects one object (a chunk blob, a pack header, an index file, a snapshot) with its associated data,
 * which names what the object must be (for a chunk: its id), so an object moved to another place does not
 * open there. Encrypted repositories use {@link AesGcmSealer}; unencrypted ones {@link ChecksumSealer}, which
 * detects damage but not a deliberate forgery.
 */
interface Sealer {

    /**
     * Seals {@code plaintext[offset, offset + length)} into {@code out} from index 0, which must hold
     * {@code length + overhead()} bytes: the sealed length. Lets a backup seal chunks into reused arrays.
     */
    void seal(byte[] plaintext, int offset, int length, byte[] associatedData, byte[] out);

    default byte[] seal(byte[] plaintext, int offset, int length, byte[] associatedData) {
        byte[] out = new byte[length + overhead()];
        seal(plaintext, offset, length, associatedData, out);
        return out;
    }

    /**
     * Opens into {@code out} (which must hold {@code length - overhead()} bytes) and returns the plaintext's length,
     * or throws {@link SealBrokenException} when the bytes were changed, cut or moved (and then {@code out}
     * holds nothing to use). Lets a reader reuse one array for every chunk.
     */
    int open(byte[] sealed, int offset, int length, byte[] associatedData, byte[] out) throws SealBrokenException;

    /** The plaintext, or {@link SealBrokenException} when the bytes were changed, cut or moved. */
    default byte[] open(byte[] sealed, int offset, int length, byte[] associatedData) throws SealBrokenException {
        byte[] out = new byte[Math.max(0, length - overhead())];
        open(sealed, offset, length, associatedData, out);
        return out;
    }

    /** Bytes {@link #seal} adds to the plaintext. */
    int overhead();

    default byte[] seal(byte[] plaintext, byte[] associatedData) {
        return seal(plaintext, 0, plaintext.length, associatedData);
    }

    default byte[] open(byte[] sealed, byte[] associatedData) throws SealBrokenException {
        return open(sealed, 0, sealed.length, associatedData);
    }

    /**
     * The message is what failed, "fails authentication" or "fails its checksum", for callers to put after the
     * object's name; nothing more is known or said.
     */
    final class SealBrokenException extends Exception {
        SealBrokenException(String message) {
            super(message, null, false, false);
        }
    }
}
