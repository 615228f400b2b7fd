package dev.backroute.archive;

import java.io.IOException;
import java.nio.file.Path;

/** A configured backup root does not exist; the backup cannot be complete, so it is not written. */
public class MissingSourceException extends IOException {

    public MissingSourceException(Path path) {
        super("source path " + path + " does not exist");
    }
}
