package dev.backroute.archive;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** Shortcuts for tests that write archives into memory and read them back. */
final class Archives {

    private Archives() {
    }

    record Written(byte[] bytes, TarSummary summary) {}

    static Written write(TarWriter writer, TarRoot... roots) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        TarSummary summary = writer.write(List.of(roots), out);
        return new Written(out.toByteArray(), summary);
    }

    static Written write(TarRoot... roots) throws IOException {
        return write(new TarWriter(List.of(), Set.of()), roots);
    }

    static TarSummary extract(byte[] archive, Path emptyDir) throws IOException {
        return TarExtractor.extract(new ByteArrayInputStream(archive), emptyDir);
    }

    /** Every path below {@code dir}, relative and '/'-separated, in sorted order. */
    static List<String> listing(Path dir) throws IOException {
        List<String> paths = new ArrayList<>();
        try (var walk = Files.walk(dir)) {
            walk.filter(p -> !p.equals(dir)).map(p -> dir.relativize(p).toString()).sorted().forEach(paths::add);
        }
        return paths;
    }
}
