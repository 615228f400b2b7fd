package dev.backroute.pipeline;

import java.io.IOException;
import java.io.OutputStream;

/**
 * A backup's content, not yet produced: writing it pushes the source's bytes through whatever stages
 * wrap it. Stages compose by wrapping one {@code Content} in another, so the whole pipeline runs in a
 * single pass when the last step finally writes it to a file, and nothing is ever held in memory.
 */
@FunctionalInterface
public interface Content {

    /** Writes everything to {@code out}; must not close it. */
    void writeTo(OutputStream out) throws IOException;
}
