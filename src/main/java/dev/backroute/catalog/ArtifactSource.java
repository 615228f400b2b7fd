package dev.backroute.catalog;

import java.io.IOException;
import java.io.InputStream;

/** One place a backup's stored bytes can be read from: a storage target, or a file an operator pointed at. */
public interface ArtifactSource {

    /** The storage target's name, or the folder for a file given by path. */
    String name();

    InputStream open() throws IOException;
}
