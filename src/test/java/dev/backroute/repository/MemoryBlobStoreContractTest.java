package dev.backroute.repository;

import org.junit.jupiter.api.Assumptions;

import java.util.HashMap;
import java.util.Map;

class MemoryBlobStoreContractTest extends BlobStoreContract {
    private final Map<String, BlobStore> types = new HashMap<>();

    @Override
    protected BlobStore repositoryOf(String type) {
        return types.computeIfAbsent(type, t -> new MemoryBlobStore());
    }

    @Override
    protected void plant(String type, String path, byte[] bytes) {
        Assumptions.abort("nothing can be planted in a memory store: its put refuses every name that is not a BlobName");
    }
}
