package dev.backroute.repository;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.HexFormat;

/**
 * Interns pack ids for {@link ChunkIndex}: each pack is a number, its 32-byte id kept as four longs in one array,
 * found again through a small open-addressing table of numbers. About 40 bytes per pack instead of some 170 for
 * a String name in a HashMap, which at ~32 chunks per pack is the difference between 1 and 6 bytes per chunk.
 */
final class PackTable {
    private long[] ids = new long[4 * 64];
    private int[] slots = new int[128];
    private int count;

    /** The pack's number, from 1; adds the pack when it is new. */
    int intern(String packName) {
        ByteBuffer id = ByteBuffer.wrap(HexFormat.of().parseHex(BlobName.idOf(packName)));
        long w0 = id.getLong();
        long w1 = id.getLong();
        long w2 = id.getLong();
        long w3 = id.getLong();
        int slot = find(w0, w1, w2, w3);
        if (slots[slot] != 0) {
            return slots[slot];
        }
        if (4 * (count + 1) > ids.length) {
            ids = Arrays.copyOf(ids, ids.length * 2);
        }
        int base = 4 * count;
        ids[base] = w0;
        ids[base + 1] = w1;
        ids[base + 2] = w2;
        ids[base + 3] = w3;
        count++;
        slots[slot] = count;
        if (2 * count > slots.length) {
            rehash();
        }
        return count;
    }

    /** The pack's number, or 0 when it was never interned. */
    int number(String packName) {
        ByteBuffer id = ByteBuffer.wrap(HexFormat.of().parseHex(BlobName.idOf(packName)));
        return slots[find(id.getLong(), id.getLong(), id.getLong(), id.getLong())];
    }

    /** The object name of pack {@code number}. */
    String name(int number) {
        int base = 4 * (number - 1);
        byte[] id = ByteBuffer.allocate(32).putLong(ids[base]).putLong(ids[base + 1]).putLong(ids[base + 2])
                .putLong(ids[base + 3]).array();
        return BlobName.pack(HexFormat.of().formatHex(id));
    }

    int size() {
        return count;
    }

    long footprintBytes() {
        return (long) ids.length * Long.BYTES + (long) slots.length * Integer.BYTES;
    }

    private int find(long w0, long w1, long w2, long w3) {
        int slot = (int) (((w0 >>> 32) * slots.length) >>> 32);
        while (slots[slot] != 0) {
            int base = 4 * (slots[slot] - 1);
            if (ids[base] == w0 && ids[base + 1] == w1 && ids[base + 2] == w2 && ids[base + 3] == w3) {
                return slot;
            }
            slot = slot + 1 == slots.length ? 0 : slot + 1;
        }
        return slot;
    }

    private void rehash() {
        slots = new int[slots.length * 2];
        for (int n = 1; n <= count; n++) {
            int base = 4 * (n - 1);
            slots[find(ids[base], ids[base + 1], ids[base + 2], ids[base + 3])] = n;
        }
    }
}
