package dev.backroute.archive;

import java.nio.file.Path;
import java.util.Objects;

/**
 * One source to back up.
 *
 * @param path the directory or file to back up; a symbolic link here is followed, because the
 *             configuration named it on purpose (links found inside a directory are stored as links)
 * @param name its entry name in the archive, such as {@code data} or {@code var/log/app}
 */
public record TarRoot(Path path, String name) {

    public TarRoot {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(name, "name");
        // The same rules the extractor enforces: a name it would refuse must not be written.
        for (String segment : name.split("/", -1)) {
            if (segment.isEmpty() || segment.equals(".") || segment.equals("..")) {
                throw new IllegalArgumentException("archive name '" + name
                        + "' must be a relative path without empty, '.' or '..' segments");
            }
        }
    }
}
