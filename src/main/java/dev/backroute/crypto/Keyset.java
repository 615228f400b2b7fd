package dev.backroute.crypto;

import com.google.crypto.tink.InsecureSecretKeyAccess;
import com.google.crypto.tink.KeyStatus;
import com.google.crypto.tink.KeysetHandle;
import com.google.crypto.tink.RegistryConfiguration;
import com.google.crypto.tink.StreamingAead;
import com.google.crypto.tink.streamingaead.AesGcmHkdfStreamingKey;
import com.google.crypto.tink.streamingaead.AesGcmHkdfStreamingParameters;
import com.google.crypto.tink.streamingaead.PredefinedStreamingAeadParameters;
import com.google.crypto.tink.streamingaead.StreamingAeadConfig;
import com.google.crypto.tink.subtle.Hkdf;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.util.Arrays;
import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * The Tink streaming AEAD keyset that encrypts backups. The primary key encrypts; every enabled key
 * decrypts, so a rotated keyset still reads backups made before the rotation. Holds key material:
 * nothing here puts it in a message or {@link #toString()}.
 */
public final class Keyset {
    public static final String ALGORITHM = "AES256_GCM_HKDF_1MB";
    private static final AesGcmHkdfStreamingParameters PARAMETERS = PredefinedStreamingAeadParameters.AES256_GCM_HKDF_1MB;

    static {
        try {
            StreamingAeadConfig.register();
        } catch (GeneralSecurityException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private final KeysetHandle handle;
    private final StreamingAead aead;
    private final long primaryKeyId;
    private final SortedSet<Long> keyIds;
    private final String source;

    private Keyset(KeysetHandle handle, String source) {
        this.handle = handle;
        this.source = source;
        try {
            this.primaryKeyId = Integer.toUnsignedLong(handle.getPrimary().getId());
            this.aead = handle.getPrimitive(RegistryConfiguration.get(), StreamingAead.class);
        } catch (GeneralSecurityException | IllegalStateException e) {
            throw new KeysetException("the encryption keyset in " + source + " has no usable primary key: create one with ./backroute keygen");
        }
        SortedSet<Long> ids = new TreeSet<>();
        for (int i = 0; i < handle.size(); i++) {
            if (handle.getAt(i).getStatus() == KeyStatus.ENABLED) {
                ids.add(Integer.toUnsignedLong(handle.getAt(i).getId()));
            }
        }
        this.keyIds = Collections.unmodifiableSortedSet(ids);
    }

    /** Reads {@code keysetFile} when it is set, else the environment variable {@code keysetEnv}. */
    public static Keyset load(Path keysetFile, String keysetEnv, Map<String, String> env) throws KeysetException {
        if (keysetFile != null) {
            return readFile(keysetFile);
        }
        String source = "environment variable " + keysetEnv;
        String value = keysetEnv == null ? null : env.get(keysetEnv);
        if (value == null || value.isBlank()) {
            throw new KeysetException(source + " is not set: export the keyset JSON or set encryption.keyset_file");
        }
        return new Keyset(KeysetText.parse(KeysetText.fromEnvironmentValue(value, source), source), source);
    }

    public static Keyset readFile(Path file) throws KeysetException {
        String source = "file " + file;
        return new Keyset(KeysetText.parse(KeysetFile.read(file), source), source);
    }

    /** Writes a new keyset with one {@value #ALGORITHM} key to {@code out}, which must not exist yet. */
    public static long generate(Path out) throws KeysetException {
        KeysetHandle handle;
        try {
            handle = KeysetHandle.generateNew(PARAMETERS);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Tink cannot generate an " + ALGORITHM + " key", e);
        }
        KeysetFile.create(out, KeysetText.serialize(handle));
        return Integer.toUnsignedLong(handle.getPrimary().getId());
    }

    /**
     * Adds a new primary key to the keyset in {@code file}, keeping the old keys to read old backups.
     * Through a symbolic link, the file it points to gets the new key.
     */
    public static long rotate(Path file) throws KeysetException {
        Keyset current = readFile(file);
        KeysetHandle rotated;
        try {
            rotated = KeysetHandle.newBuilder(current.handle)
                    .addEntry(KeysetHandle.generateEntryFromParameters(PARAMETERS).withRandomId().makePrimary())
                    .build();
        } catch (GeneralSecurityException e) {
            throw new KeysetException("cannot add a key to the encryption keyset in " + current.source + ": " + e.getMessage());
        }
        KeysetFile.update(file, KeysetText.serialize(rotated));
        return Integer.toUnsignedLong(rotated.getPrimary().getId());
    }

    /**
     * A 32-byte key for {@code purpose}, derived from enabled key {@code keyId} with HKDF-SHA256, or null
     * when the keyset has no such key. Other uses of the keyset (authenticating manifests) get their own
     * key this way: an AEAD key is never used raw for anything but the AEAD.
     */
    byte[] derivedKey(long keyId, String purpose) {
        for (int i = 0; i < handle.size(); i++) {
            KeysetHandle.Entry entry = handle.getAt(i);
            if (Integer.toUnsignedLong(entry.getId()) != keyId || entry.getStatus() != KeyStatus.ENABLED
                    || !(entry.getKey() instanceof AesGcmHkdfStreamingKey key)) {
                continue;
            }
            byte[] material = key.getInitialKeyMaterial().toByteArray(InsecureSecretKeyAccess.get());
            try {
                return Hkdf.computeHkdf("HMACSHA256", material, new byte[0], purpose.getBytes(StandardCharsets.UTF_8), 32);
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException("HKDF-SHA256 is not available", e);
            } finally {
                Arrays.fill(material, (byte) 0);
            }
        }
        return null;
    }

    /** The id recorded in manifests; Tink ids are unsigned 32-bit. */
    public long primaryKeyId() {
        return primaryKeyId;
    }

    /** The enabled keys, that is the keys that can decrypt. */
    public SortedSet<Long> keyIds() {
        return keyIds;
    }

    /** Where the keyset came from, worded for messages: "file /path" or "environment variable NAME". */
    public String source() {
        return source;
    }

    /** Closing the returned stream writes the final segment and closes {@code ciphertextOut}. */
    public OutputStream encrypt(OutputStream ciphertextOut, byte[] associatedData) throws IOException {
        Objects.requireNonNull(associatedData, "associatedData");
        GcmWarmup.start();
        try {
            return aead.newEncryptingStream(ciphertextOut, associatedData);
        } catch (GeneralSecurityException e) {
            throw new IOException("cannot start encryption: " + e.getMessage(), e);
        }
    }

    /**
     * Reads fail with {@link KeyMismatchException} when no key of this keyset opens the stream, and
     * with an IOException "authentication failed ..." when a later segment was modified or the
     * stream truncated or extended.
     */
    public InputStream decrypt(InputStream ciphertextIn, byte[] associatedData) throws IOException {
        Objects.requireNonNull(associatedData, "associatedData");
        GcmWarmup.await(2_000);
        return DecryptingInputStream.open(aead, ciphertextIn, associatedData, mismatchMessage());
    }

    private String mismatchMessage() {
        return "the encryption key does not match: none of the keys in " + source + " (key ids " + joinedKeyIds()
                + ") can decrypt this backup; use the keyset it was made with";
    }

    private String joinedKeyIds() {
        return keyIds.stream().map(String::valueOf).collect(Collectors.joining(", "));
    }

    @Override
    public String toString() {
        return "Keyset(primary=" + primaryKeyId + ", keys=[" + joinedKeyIds() + "], source=" + source + ")";
    }
}
