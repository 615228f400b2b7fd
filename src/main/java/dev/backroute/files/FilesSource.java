package dev.backroute.files;

import dev.backroute.config.SourceConfig;

import java.nio.file.Path;
import java.util.List;

/**
 * The source of a files type (data_files, logs, quality_reports, or any type of kind files).
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
