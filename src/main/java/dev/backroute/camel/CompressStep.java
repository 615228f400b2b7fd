package dev.backroute.camel;

import dev.backroute.backup.Compress;

/** Route step {@code compressStep}: {@link Compress}. */
public final class CompressStep extends RunStep {
    CompressStep(Compress stage) {
        super(stage);
    }
}
