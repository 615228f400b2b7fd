package dev.backroute.camel;

import dev.backroute.backup.Store;

/** Route step {@code storeStep}: {@link Store}. */
public final class StoreStep extends RunStep {
    StoreStep(Store stage) {
        super(stage);
    }
}
