package dev.backroute.repository;

import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

class MemoryBlobStoreContractTest extends BlobStoreContract {
    private final Map<String, BlobStore> types = new HashMap<>();

    @Override
    protected BlobStore repositoryOf(String type) {
        return types.computeIfAbsent(type, t -> new MemoryBlobStore());
    }

    /** Planting goes through the store itself, the only way into a memory store. */
    @Override
    protected void plant(String type, String path, byte[] bytes) throws Exception {
        repositoryOf(type).put(path.substring("repository/".length()), bytes);
    }

    /** A memory store holds only what the repository wrote: every name that is not a BlobName is refused at the door. */
    @Override
    @Test
    public void listingsPassOverWhatTheRepositoryDidNotWrite() {
        assertThatThrownBy(() -> plant("logs", "repository/data/ab/notes.txt", new byte[1])).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> plant("logs", "repository/index/" + "A".repeat(64), new byte[1])).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> plant("logs", "repository/config", new byte[1])).isInstanceOf(IllegalArgumentException.class);
    }
}
