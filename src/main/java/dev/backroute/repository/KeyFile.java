package dev.backroute.repository;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

/**
 * The {@code keys/<sha256>} object: {@code "BRKEY\0\0\1"}, a mode byte (0 = clear, 1 = wrapped by the caller's
 * {@link KeyWrap}), then the {@link RepositoryKey} encoding, wrapped or not. Whether a repository is encrypted
 * is decided by the caller (keyset given or not), never by this mode byte: a wrapped key file replaced by a
 * clear one would otherwise switch encryption off unnoticed.
 */
final class KeyFile {
    private static final byte[] MAGIC = {'B', 'R', 'K', 'E', 'Y', 0, 0, 1};
    private static final byte CLEAR = 0;
    private static final byte WRAPPED = 1;
    private static final byte[] ASSOCIATED = "backroute repository key v1".getBytes(StandardCharsets.US_ASCII);
    private static final int MAX_BYTES = 64 * 1024;

    private KeyFile() {}

    /** Stores {@code key}, wrapped with {@code wrap} when it is not null; returns the object name. */
    static String write(BlobStore store, RepositoryKey key, KeyWrap wrap) throws IOException {
        byte[] body = wrap == null ? key.encode() : wrap.wrap(key.encode(), ASSOCIATED);
        byte[] bytes = ByteBuffer.allocate(MAGIC.length + 1 + body.length).put(MAGIC).put(wrap == null ? CLEAR : WRAPPED)
                .put(body).array();
        String name = BlobName.key(ContentAddress.of(bytes));
        store.put(name, bytes);
        return name;
    }

    /** The key files that are there; empty means no repository. */
    static List<String> names(BlobStore store) throws IOException {
        return store.list(BlobName.KEYS).stream().map(BlobStore.Blob::name).sorted().toList();
    }

    /** With {@code encryptionRequired} false, a clear key file opens even when {@code wrap} is given. */
    static RepositoryKey read(BlobStore store, String name, KeyWrap wrap, boolean encryptionRequired) throws IOException {
        byte[] bytes = ContentAddress.readVerified(store, name, MAX_BYTES, "key file");
        if (bytes.length <= MAGIC.length || !Arrays.equals(Arrays.copyOf(bytes, MAGIC.length), MAGIC)) {
            throw new RepositoryCorruptException("key file " + name + " is not a Backroute repository key file");
        }
        byte mode = bytes[MAGIC.length];
        byte[] body = Arrays.copyOfRange(bytes, MAGIC.length + 1, bytes.length);
        if (mode != CLEAR && mode != WRAPPED) {
            throw new RepositoryCorruptException("key file " + name + " has an unknown mode " + mode + ": it is damaged or not ours");
        }
        if (wrap == null && mode != CLEAR) {
            throw new RepositoryException("the repository is encrypted (key file " + name + "): configure the keyset it was made with");
        }
        if (encryptionRequired && mode != WRAPPED) {
            throw new RepositoryException("the repository is not encrypted (key file " + name
                    + "), but encryption is required: turn encryption off for this type, or move its repository/ folder"
                    + " aside so that the next backup creates an encrypted one");
        }
        boolean wrapped = mode == WRAPPED;
        byte[] material = wrapped ? wrap.unwrap(body, ASSOCIATED) : body;
        RepositoryKey key = RepositoryKey.decode(material, wrapped);
        Arrays.fill(material, (byte) 0);
        if (key == null) {
            throw new RepositoryCorruptException("key file " + name + " holds no key this version of Backroute reads");
        }
        return key;
    }
}
