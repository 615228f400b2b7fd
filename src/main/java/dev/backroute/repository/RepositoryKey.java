package dev.backroute.repository;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.HexFormat;

/**
 * A repository's own secrets, made once at init and kept in its key file: the AES-256 key that seals every
 * object, a separate HMAC key for chunk ids (one key, one purpose), the chunker secret that scrambles the gear
 * table, the chunk size bounds, and a random repository id for messages. Never printed: no toString shows it.
 */
final class RepositoryKey {
    private static final byte VERSION = 1;
    private static final int KEY = 32;
    private static final int ID = 16;
    static final int ENCODED = 1 + ID + 3 * KEY + 3 * 4;

    private final byte[] repositoryId;
    private final byte[] encryptionKey;
    private final byte[] macKey;
    private final byte[] chunkerSecret;
    private final ChunkerParams chunkerParams;
    private final boolean encrypted;

    private RepositoryKey(byte[] repositoryId, byte[] encryptionKey, byte[] macKey, byte[] chunkerSecret,
            ChunkerParams chunkerParams, boolean encrypted) {
        this.repositoryId = repositoryId;
        this.encryptionKey = encryptionKey;
        this.macKey = macKey;
        this.chunkerSecret = chunkerSecret;
        this.chunkerParams = chunkerParams;
        this.encrypted = encrypted;
    }

    static RepositoryKey generate(ChunkerParams params, boolean encrypted) {
        SecureRandom random = new SecureRandom();
        return new RepositoryKey(random(random, ID), random(random, KEY), random(random, KEY), random(random, KEY),
                params, encrypted);
    }

    private static byte[] random(SecureRandom random, int length) {
        byte[] bytes = new byte[length];
        random.nextBytes(bytes);
        return bytes;
    }

    byte[] encode() {
        ByteBuffer out = ByteBuffer.allocate(ENCODED).put(VERSION).put(repositoryId).put(encryptionKey).put(macKey)
                .put(chunkerSecret).putInt(chunkerParams.min()).putInt(chunkerParams.avg()).putInt(chunkerParams.max());
        return out.array();
    }

    /** Null when {@code bytes} is not a key of this version; the caller names the file. */
    static RepositoryKey decode(byte[] bytes, boolean encrypted) {
        if (bytes.length != ENCODED || bytes[0] != VERSION) {
            return null;
        }
        try {
            ByteBuffer in = ByteBuffer.wrap(bytes, 1, bytes.length - 1);
            byte[] id = take(in, ID);
            byte[] enc = take(in, KEY);
            byte[] mac = take(in, KEY);
            byte[] chunker = take(in, KEY);
            return new RepositoryKey(id, enc, mac, chunker, new ChunkerParams(in.getInt(), in.getInt(), in.getInt()), encrypted);
        } catch (BufferUnderflowException | IllegalArgumentException e) {
            return null;
        }
    }

    private static byte[] take(ByteBuffer in, int length) {
        byte[] bytes = new byte[length];
        in.get(bytes);
        return bytes;
    }

    String repositoryId() {
        return HexFormat.of().formatHex(repositoryId);
    }

    boolean encrypted() {
        return encrypted;
    }

    ChunkerParams chunkerParams() {
        return chunkerParams;
    }

    /**
     * The longest a stored chunk can be: the largest chunk stored raw (compression code + data) and sealed. A
     * length above it in an index or a pack header is not ours, and is refused before anything is read.
     */
    int maxBlobLength() {
        return chunkerParams.max() + 1 + sealer().overhead();
    }

    /** AES-GCM under the encryption key, or the checksum seal when the repository is not encrypted. */
    Sealer sealer() {
        return encrypted ? new AesGcmSealer(encryptionKey) : new ChecksumSealer();
    }

    GearTable gearTable() {
        return GearTable.derive(chunkerSecret);
    }

    /** A fresh HMAC (Mac objects are not thread-safe): one per writer or reader thread. */
    Mac chunkMac() {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(macKey, "HmacSHA256"));
            return mac;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA256 is not available", e);
        }
    }

    @Override
    public String toString() {
        return "RepositoryKey(" + repositoryId() + ")";
    }
}
