package dev.backroute.repository;

import java.util.List;

/** What {@link Backup#write} returns for a stream: its chunks in order and its length in bytes. */
public record StoredStream(List<ChunkId> chunks, long size) {
    public StoredStream {
        chunks = List.copyOf(chunks);
    }
}
