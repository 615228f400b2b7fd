package dev.backroute.camel;

import dev.backroute.files.FilesExport;

/** Route step {@code filesSourceStep}: {@link FilesExport}. */
public final class FilesSourceStep extends RunStep {
    FilesSourceStep(FilesExport stage) {
        super(stage);
    }
}
