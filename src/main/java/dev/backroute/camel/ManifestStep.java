package dev.backroute.camel;

import dev.backroute.backup.WriteManifest;

/** Route step {@code manifestStep}: {@link WriteManifest}. */
public final class ManifestStep extends RunStep {
    ManifestStep(WriteManifest stage) {
        super(stage);
    }
}
