package dev.backroute.camel;

import dev.backroute.backup.RepositoryStore;

/** Route step {@code repositoryStoreStep}: {@link RepositoryStore}. */
public final class RepositoryStoreStep extends RunStep {
    RepositoryStoreStep(RepositoryStore stage) {
        super(stage);
    }
}
