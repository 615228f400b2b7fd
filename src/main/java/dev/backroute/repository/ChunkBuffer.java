package dev.backroute.repository;

import java.util.Arrays;

/**
 * The arrays one chunk passes through while it is read, kept from chunk to chunk: the blob as stored, the blob
 * opened ({@code [code][compressed bytes]}), and the chunk decompressed. Each grows to the largest chunk seen
 * (doubling, so only a few times) but never beyond the largest blob, or one byte more than the largest chunk (how
 * a decompressor shows that a chunk would be larger than any can be). Allocating the three afresh for every
 * ~1 MiB chunk made a restore's garbage grow G1's heap to several hundred MB. After {@link ChunkCodec#decode} the
 * verified plaintext is {@link #bytes()} from {@link #offset()} for {@link #length()}. Used by one thread at a time.
 */
final class ChunkBuffer {
    private static final byte[] EMPTY = new byte[0];

    private final int maxBlob;
    private final int maxData;
    private byte[] sealed = EMPTY;
    private byte[] opened = EMPTY;
    private byte[] data = EMPTY;
    private byte[] bytes = EMPTY;
    private int offset;
    private int length;

    ChunkBuffer(RepositoryKey key) {
        this.maxBlob = key.maxBlobLength();
        this.maxData = key.chunkerParams().max() + 1;
    }

    /** An array for a stored blob of {@code size} bytes. */
    byte[] sealed(int size) {
        sealed = atLeast(sealed, size, maxBlob, false);
        return sealed;
    }

    /** An array for an opened blob of {@code size} bytes. */
    byte[] opened(int size) {
        opened = atLeast(opened, size, maxBlob, false);
        return opened;
    }

    /** An array of at least {@code size} bytes for decompressed data; the bytes it held so far are kept. */
    byte[] data(int size) {
        data = atLeast(data, size, maxData, true);
        return data;
    }

    void set(byte[] bytes, int offset, int length) {
        this.bytes = bytes;
        this.offset = offset;
        this.length = length;
    }

    byte[] bytes() {
        return bytes;
    }

    int offset() {
        return offset;
    }

    int length() {
        return length;
    }

    private static byte[] atLeast(byte[] array, int size, int limit, boolean keep) {
        if (array.length >= size) {
            return array;
        }
        if (size > limit) {
            throw new IllegalArgumentException(size + " bytes is more than a chunk's " + limit);
        }
        int grown = (int) Math.min(limit, 2L * array.length);
        grown = Math.max(grown, size);
        return keep ? Arrays.copyOf(array, grown) : new byte[grown];
    }
}
