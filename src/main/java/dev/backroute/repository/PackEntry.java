package dev.backroute.repository;

/** One chunk blob in a pack: where it is, its stored and original lengths, and its compression code. */
record PackEntry(ChunkId id, int offset, int length, int rawLength, byte compression) {
    static final int ENCODED = ChunkId.BYTES + 4 + 4 + 4 + 1;
}
