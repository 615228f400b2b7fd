package dev.backroute.repository;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Chunk id → (pack, offset, length) for every chunk the repository holds, in flat arrays instead of objects:
 * an open-addressing table (linear probing, load at most 0.8) whose slot holds the id as four longs and three
 * ints, with pack ids interned in a {@link PackTable} (a pack holds ~32 chunks, so that table is small). That
 * is 44 bytes per slot, about 58 per entry with the pack table when sized from the index files' lengths before
 * loading (docs/repository.md has the measurement); a HashMap of objects would take over 200. Ids are HMAC
 * outputs, uniformly spread, so their first bits choose the slot. Not thread-safe: one backup or restore uses
 * it at a time.
 */
final class ChunkIndex {
    private static final double MAX_LOAD = 0.8;
    /** Heap per slot: the id's four longs and three ints. */
    static final int SLOT_BYTES = 4 * Long.BYTES + 3 * Integer.BYTES;

    /** Where a chunk's blob is. */
    record Location(String pack, int offset, int length) {}

    private final PackTable packTable = new PackTable();
    private long[] ids;
    private int[] packs;
    private int[] offsets;
    private int[] lengths;
    private int capacity;
    private int size;

    ChunkIndex(int expectedEntries) {
        allocate(capacityFor(expectedEntries));
    }

    private static int capacityFor(int entries) {
        return (int) Math.max(16, Math.ceil(entries / MAX_LOAD) + 1);
    }

    private void allocate(int slots) {
        capacity = slots;
        ids = new long[4 * slots];
        packs = new int[slots];
        offsets = new int[slots];
        lengths = new int[slots];
    }

    /** Makes room for {@code more} entries at once, so a load sized in advance never rehashes. */
    void reserve(int more) {
        long needed = (long) size + more;
        if (needed > capacity * MAX_LOAD) {
            rehash(capacityFor((int) Math.min(Integer.MAX_VALUE / 8, Math.max(needed, (long) (size * 1.5)))));
        }
    }

    /** Adds an entry; a chunk already known keeps its first location (a copy in another pack is only a duplicate). */
    boolean put(ChunkId id, String pack, int offset, int length) {
        reserve(1);
        int slot = find(id.word(0), id.word(1), id.word(2), id.word(3));
        if (packs[slot] != 0) {
            return false;
        }
        store(slot, id.word(0), id.word(1), id.word(2), id.word(3), packTable.intern(pack), offset, length);
        size++;
        return true;
    }

    Location get(ChunkId id) {
        int slot = find(id.word(0), id.word(1), id.word(2), id.word(3));
        return packs[slot] == 0 ? null : new Location(packTable.name(packs[slot]), offsets[slot], lengths[slot]);
    }

    boolean contains(ChunkId id) {
        return packs[find(id.word(0), id.word(1), id.word(2), id.word(3))] != 0;
    }

    int size() {
        return size;
    }

    /** The slot holding a known chunk, or -1: lets prune keep one bit per slot for its marks instead of a set of ids. */
    int slotOf(ChunkId id) {
        int slot = find(id.word(0), id.word(1), id.word(2), id.word(3));
        return packs[slot] == 0 ? -1 : slot;
    }

    /** The number of the pack a used slot points into. */
    int packAt(int slot) {
        return packs[slot];
    }

    /** Slots in the table: the bound of {@link #slotOf}. */
    int capacity() {
        return capacity;
    }

    /** Packs interned so far; their numbers run from 1 to this. */
    int packCount() {
        return packTable.size();
    }

    /** The number of a pack the index points into, or 0 for one it does not know. */
    int packNumber(String packName) {
        return packTable.number(packName);
    }

    String packName(int number) {
        return packTable.name(number);
    }

    /** What {@link #forEach} shows of an entry. */
    interface EntryVisitor {
        void visit(int slot, int pack, int offset, int length);
    }

    /** Every entry, in slot order. */
    void forEach(EntryVisitor visitor) {
        for (int slot = 0; slot < capacity; slot++) {
            if (packs[slot] != 0) {
                visitor.visit(slot, packs[slot], offsets[slot], lengths[slot]);
            }
        }
    }

    /** The packs the index points into. */
    List<String> packs() {
        List<String> names = new ArrayList<>(packTable.size());
        for (int n = 1; n <= packTable.size(); n++) {
            names.add(packTable.name(n));
        }
        return names;
    }

    /** How many entries point into each pack, in one pass, for checking packs against the index. */
    Map<String, Integer> entriesPerPack() {
        int[] counts = new int[packTable.size()];
        for (int p : packs) {
            if (p != 0) {
                counts[p - 1]++;
            }
        }
        Map<String, Integer> out = new HashMap<>();
        for (int i = 0; i < counts.length; i++) {
            if (counts[i] > 0) {
                out.put(packTable.name(i + 1), counts[i]);
            }
        }
        return out;
    }

    /** How many of a pack's header entries the index places exactly there (same pack, offset and length). */
    int placedAsListed(String pack, List<PackEntry> header) {
        int matching = 0;
        for (PackEntry e : header) {
            Location at = get(e.id());
            if (at != null && at.pack().equals(pack) && at.offset() == e.offset() && at.length() == e.length()) {
                matching++;
            }
        }
        return matching;
    }

    /** Heap bytes of the arrays, the figure docs/repository.md quotes per entry. */
    long footprintBytes() {
        return (long) capacity * (4 * Long.BYTES + 3 * Integer.BYTES) + packTable.footprintBytes();
    }

    /** The slot holding the id, or the empty slot where it would go. */
    private int find(long w0, long w1, long w2, long w3) {
        int slot = (int) (((w0 >>> 32) * capacity) >>> 32);
        while (packs[slot] != 0) {
            int base = 4 * slot;
            if (ids[base] == w0 && ids[base + 1] == w1 && ids[base + 2] == w2 && ids[base + 3] == w3) {
                return slot;
            }
            slot = slot + 1 == capacity ? 0 : slot + 1;
        }
        return slot;
    }

    private void store(int slot, long w0, long w1, long w2, long w3, int pack, int offset, int length) {
        int base = 4 * slot;
        ids[base] = w0;
        ids[base + 1] = w1;
        ids[base + 2] = w2;
        ids[base + 3] = w3;
        packs[slot] = pack;
        offsets[slot] = offset;
        lengths[slot] = length;
    }

    private void rehash(int slots) {
        long[] oldIds = ids;
        int[] oldPacks = packs;
        int[] oldOffsets = offsets;
        int[] oldLengths = lengths;
        allocate(slots);
        for (int i = 0; i < oldPacks.length; i++) {
            if (oldPacks[i] != 0) {
                int b = 4 * i;
                int slot = find(oldIds[b], oldIds[b + 1], oldIds[b + 2], oldIds[b + 3]);
                store(slot, oldIds[b], oldIds[b + 1], oldIds[b + 2], oldIds[b + 3], oldPacks[i], oldOffsets[i], oldLengths[i]);
            }
        }
    }
}
