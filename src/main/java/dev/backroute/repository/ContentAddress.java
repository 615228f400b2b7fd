package dev.backroute.repository;

import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Every stored object is named by the SHA-256 of its stored bytes, so an object that was changed, cut short
 * or swapped with another is caught by comparing its bytes with its name, before any key is used on it.
 */
final class ContentAddress {
    private ContentAddress() {}

    static String of(byte[] bytes) {
        return HexFormat.of().formatHex(sha256().digest(bytes));
    }

    static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }

    /** Reads a whole small object and checks it against its name; {@code maxBytes} bounds what a hostile store can make us hold. */
    static byte[] readVerified(BlobStore store, String name, int maxBytes, String what) throws IOException {
        long size = store.size(name);
        if (size > maxBytes) {
            throw new RepositoryCorruptException(what + " " + name + " is " + size + " bytes, more than the " + maxBytes
                    + " such an object can have: it is damaged or not ours");
        }
        byte[] bytes;
        try (InputStream in = store.get(name)) {
            bytes = in.readNBytes(maxBytes + 1);
        }
        if (bytes.length > maxBytes || !of(bytes).equals(BlobName.idOf(name))) {
            throw new RepositoryCorruptException(what + " " + name + " is damaged or was replaced: its content does not match its name");
        }
        return bytes;
    }
}
