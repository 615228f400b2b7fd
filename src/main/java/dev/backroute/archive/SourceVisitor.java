package dev.backroute.archive;

import java.io.IOException;
import java.io.OutputStream;

/**
 * Where a walk of the source tree ({@link TarWriter#visit}) hands each entry, in the archive's order: a tar
 * stream for an archive, a repository's tree for a repository. Entry names are the archive's ({@code data/a.csv}).
 * Failures here are failures of the backup; trouble reading the source is the walk's, reported as problems.
 */
public interface SourceVisitor {

    void directory(String name, SourceStat stat) throws IOException;

    void symlink(String name, SourceStat stat, String target) throws IOException;

    /** True when this visitor already holds the file's content, so the walk neither opens nor reads it. */
    boolean unchanged(String name, SourceStat stat) throws IOException;

    /**
     * Where the file's content goes: exactly {@code stat.size()} bytes (padded with zeros when the file shrank
     * or could not be read to its end), then {@link #endFile}.
     */
    OutputStream beginFile(String name, SourceStat stat) throws IOException;

    /**
     * @param whole false when the content is not the file as {@code stat} described it: a read failed part way (the
     *              rest is zeros) or the file changed while it was read; the walk reports it as a problem
     */
    void endFile(boolean whole) throws IOException;
}
