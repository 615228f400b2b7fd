package dev.backroute.repository;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.HexFormat;

/** The 32-byte id of a chunk: HMAC-SHA256 of its plaintext under the repository's MAC key. */
public final class ChunkId {
    public static final int BYTES = 32;

    private final byte[] bytes;

    private ChunkId(byte[] bytes) {
        this.bytes = bytes;
    }

    public static ChunkId of(byte[] bytes) {
        if (bytes.length != BYTES) {
            throw new IllegalArgumentException("a chunk id has " + BYTES + " bytes, not " + bytes.length);
        }
        return new ChunkId(bytes.clone());
    }

    static ChunkId read(ByteBuffer in) {
        byte[] bytes = new byte[BYTES];
        in.get(bytes);
        return new ChunkId(bytes);
    }

    public static ChunkId fromHex(String hex) {
        return of(HexFormat.of().parseHex(hex));
    }

    void write(ByteBuffer out) {
        out.put(bytes);
    }

    /** The id as four big-endian longs, the form the in-memory index keeps. */
    long word(int i) {
        return ByteBuffer.wrap(bytes, i * 8, 8).getLong();
    }

    public byte[] bytes() {
        return bytes.clone();
    }

    public String hex() {
        return HexFormat.of().formatHex(bytes);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ChunkId other && Arrays.equals(bytes, other.bytes);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(bytes);
    }

    @Override
    public String toString() {
        return hex();
    }
}
