package dev.backroute.files;

import dev.backroute.archive.PathGlob;
import dev.backroute.config.DrillSettings;
import dev.backroute.config.Expectation;
import dev.backroute.config.Fields;

import java.nio.file.Path;
import java.util.List;

/**
 * A files type's {@code drill} block.
 *
 * @param directory  where scratch folders are made; null for {@code backup_dir/.drill/<type>}
 * @param assertions globs over the restored paths (as {@code ls} shows them) and how many files must match each
 */
public record FilesDrill(Path directory, List<GlobAssertion> assertions) implements DrillSettings {
    public FilesDrill {
        assertions = List.copyOf(assertions);
    }

    /** {@code {"name": "catalogue present", "glob": "data/**}{@code /*.parquet", "min": 1}}. */
    public record GlobAssertion(String name, PathGlob glob, Expectation expect) {}

    static FilesDrill read(FilesSource source, Fields f) {
        Path directory = f.path("directory");
        if (directory != null && source != null) {
            for (Path p : source.paths()) {
                f.check("directory", !directory.startsWith(p) && !p.startsWith(directory), "drill folder " + directory
                        + " overlaps the source path " + p + ": a drill must never write where the backup reads; choose a folder"
                        + " outside every source path");
            }
        }
        return new FilesDrill(directory, f.objects("assertions", FilesDrill::assertion));
    }

    private static GlobAssertion assertion(Fields a) {
        String text = a.required("glob", "in a drill assertion of files: the paths that must be restored, e.g. data/**/*.csv");
        PathGlob glob = null;
        try {
            glob = text.isEmpty() ? null : PathGlob.of(text);
        } catch (IllegalArgumentException e) {
            a.check("glob", false, "not a valid glob: " + e.getMessage());
        }
        String name = a.nonEmpty("name", "files matching " + text);
        return new GlobAssertion(name, glob, Expectation.read(a));
    }
}
