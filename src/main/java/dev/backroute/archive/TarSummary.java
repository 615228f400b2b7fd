package dev.backroute.archive;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a write, extract or scan went through. Hard links count as files.
 *
 * @param contentBytes the sum of the file sizes stored in (or read from) the archive
 */
public record TarSummary(long files, long directories, long symlinks, long contentBytes, List<TarProblem> problems) {

    public TarSummary {
        problems = List.copyOf(problems);
    }

    /** The counts under the names manifests and the CLI's JSON use. */
    public Map<String, Object> counts() {
        Map<String, Object> counts = new LinkedHashMap<>();
        counts.put("files", files);
        counts.put("directories", directories);
        counts.put("symlinks", symlinks);
        counts.put("content_bytes", contentBytes);
        return counts;
    }
}
