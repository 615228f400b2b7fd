package dev.backroute.files;

import dev.backroute.backup.ExportingKind;
import dev.backroute.backup.RunStage;
import dev.backroute.config.BackupConfig;
import dev.backroute.config.DrillSettings;
import dev.backroute.config.Fields;
import dev.backroute.drill.Drill;
import dev.backroute.drill.DrillKind;
import dev.backroute.drill.Scratch;
import dev.backroute.config.Node;
import dev.backroute.config.SourceConfig;

import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.PatternSyntaxException;

/**
 * Folders and files on the backup host, archived as one tar per run. Restore is the archive extraction
 * of packages archive and restore, which every files type shares.
 */
public final class FilesKind implements ExportingKind, DrillKind {
    public static final String NAME = "files";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public List<String> artifactBases() {
        return List.of("tar");
    }

    @Override
    public RunStage export(BackupConfig config, Map<String, String> env) {
        return new FilesExport(config);
    }

    @Override
    public SourceConfig readSource(String type, Fields f) {
        List<Path> paths = new ArrayList<>();
        f.requiredStrings("paths", "for a " + type + " source").forEach((path, node) -> paths.add(node.toPath(path)));
        Map<String, Node> exclude = f.strings("exclude", List.of());
        exclude.forEach(FilesKind::checkGlob);
        return new FilesSource(paths.stream().filter(Objects::nonNull).toList(), List.copyOf(exclude.keySet()));
    }

    @Override
    public DrillSettings readDrill(String type, SourceConfig source, Fields f) {
        return FilesDrill.read((FilesSource) source, f);
    }

    @Override
    public Scratch prepare(Drill drill) throws IOException {
        return FilesScratch.open(drill);
    }

    private static void checkGlob(String glob, Node node) {
        try {
            FileSystems.getDefault().getPathMatcher("glob:" + glob);
        } catch (PatternSyntaxException e) {
            node.problem("not a valid glob pattern: " + e.getDescription() + " at index " + e.getIndex());
        }
    }
}
