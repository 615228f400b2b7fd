package dev.backroute.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The repository of a type on a local target, {@code <type folder>/repository} (docs/repository.md): its objects
 * by folder, as the store names them (lower-case SHA-256 hex), so that a stray temporary file is not counted.
 */
record RepositoryFolder(Path root) {
    private static final Pattern OBJECT = Pattern.compile("[0-9a-f]{64}");

    static RepositoryFolder of(Path typeFolder) {
        return new RepositoryFolder(typeFolder.resolve("repository"));
    }

    List<Path> packs() throws IOException {
        return objects("data");
    }

    List<Path> indexFiles() throws IOException {
        return objects("index");
    }

    List<Path> snapshots() throws IOException {
        return objects("snapshots");
    }

    List<Path> keyFiles() throws IOException {
        return objects("keys");
    }

    /** The objects anywhere under {@code folder}, sorted by path; none when it does not exist. */
    private List<Path> objects(String folder) throws IOException {
        Path base = root.resolve(folder);
        if (!Files.isDirectory(base)) {
            return List.of();
        }
        try (Stream<Path> walk = Files.walk(base)) {
            return walk.filter(Files::isRegularFile).filter(p -> OBJECT.matcher(p.getFileName().toString()).matches()).sorted().toList();
        }
    }
}
