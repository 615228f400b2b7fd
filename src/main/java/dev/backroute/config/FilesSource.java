package dev.backroute.config;

import java.nio.file.Path;
import java.util.List;

/**
 * The source of data_files, logs and quality_reports.
 *
 * @param paths   absolute, normalized
 * @param exclude glob patterns, as accepted by {@code FileSystem.getPathMatcher("glob:...")}
 */
public record FilesSource(List<Path> paths, List<String> exclude) implements SourceConfig {
    public FilesSource {
        paths = List.copyOf(paths);
        exclude = List.copyOf(exclude);
    }
}
