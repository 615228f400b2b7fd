package dev.backroute.archive;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;

/**
 * Opens a source file for reading. A seam so tests can make a file shrink, grow or vanish at the
 * exact moment between its header being planned and its content being read.
 */
@FunctionalInterface
interface SourceOpener {

    /** O_NOFOLLOW: a file swapped for a link after it was listed must not be followed. */
    SourceOpener FILES = file -> Files.newInputStream(file, LinkOption.NOFOLLOW_LINKS);

    InputStream open(Path file) throws IOException;
}
