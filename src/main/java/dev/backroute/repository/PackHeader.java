package dev.backroute.repository;

import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The list of a pack's blobs, sealed and stored at the pack's end (as restic does), so blobs stream out as
 * they are made and the index can be rebuilt from the packs alone. Plaintext: version 1, entry count, then
 * per entry the chunk id, offset, stored length, original length and compression code. Decoding checks that
 * the blobs tile the pack from offset 0 to the header without gap or overlap.
 */
final class PackHeader {
    static final byte[] ASSOCIATED = "backroute pack header v1".getBytes(StandardCharsets.US_ASCII);
    private static final byte VERSION = 1;

    private PackHeader() {}

    static byte[] encode(List<PackEntry> entries) {
        ByteBuffer out = ByteBuffer.allocate(1 + 4 + entries.size() * PackEntry.ENCODED).put(VERSION).putInt(entries.size());
        for (PackEntry e : entries) {
            e.id().write(out);
            out.putInt(e.offset()).putInt(e.length()).putInt(e.rawLength()).put(e.compression());
        }
        return out.array();
    }

    /** Null unless the entries are well formed and end exactly at {@code blobsEnd}; the caller names the pack. */
    static List<PackEntry> decode(byte[] plain, long blobsEnd, int maxRaw, int maxLength) {
        try {
            ByteBuffer in = ByteBuffer.wrap(plain);
            int count = in.get() == VERSION ? in.getInt() : -1;
            if (count < 0 || count != (plain.length - 5) / PackEntry.ENCODED || (plain.length - 5) % PackEntry.ENCODED != 0) {
                return null;
            }
            List<PackEntry> entries = new ArrayList<>(count);
            long expectedOffset = 0;
            for (int i = 0; i < count; i++) {
                PackEntry e = new PackEntry(ChunkId.read(in), in.getInt(), in.getInt(), in.getInt(), in.get());
                if (e.offset() != expectedOffset || e.length() <= 0 || e.length() > maxLength || e.rawLength() < 0
                        || e.rawLength() > maxRaw) {
                    return null;
                }
                expectedOffset += e.length();
                entries.add(e);
            }
            return expectedOffset == blobsEnd ? entries : null;
        } catch (BufferUnderflowException e) {
            return null;
        }
    }
}
