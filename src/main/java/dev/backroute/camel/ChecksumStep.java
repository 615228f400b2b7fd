package dev.backroute.camel;

import dev.backroute.backup.Checksum;

/** Route step {@code checksumStep}: {@link Checksum}. */
public final class ChecksumStep extends RunStep {
    ChecksumStep(Checksum stage) {
        super(stage);
    }
}
