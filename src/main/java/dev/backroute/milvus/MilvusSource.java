package dev.backroute.milvus;

import dev.backroute.config.SecretRef;
import dev.backroute.config.SourceConfig;

import java.util.List;

/** @param collections the collections to back up; empty means all of them */
public record MilvusSource(String uri, SecretRef token, String database, List<String> collections) implements SourceConfig {
    public MilvusSource {
        collections = List.copyOf(collections);
    }
}
