package dev.backroute.archive;

import java.util.List;

/**
 * What a write, extract or scan went through. Hard links count as files.
 *
 * @param contentBytes the sum of the file sizes stored in (or read from) the archive
 */
public record TarSummary(long files, long directories, long symlinks, long contentBytes, List<TarProblem> problems) {

    public TarSummary {
        problems = List.copyOf(problems);
    }
}
