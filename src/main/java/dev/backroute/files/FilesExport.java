package dev.backroute.files;

import dev.backroute.archive.SourceVisitor;
import dev.backroute.archive.TarProblem;
import dev.backroute.archive.TarRoot;
import dev.backroute.archive.TarSummary;
import dev.backroute.archive.TarWriter;
import dev.backroute.backup.BackupRun;
import dev.backroute.backup.RunStage;
import dev.backroute.backup.SourceTree;
import dev.backroute.config.BackupConfig;
import dev.backroute.config.StorageConfig;
import dev.backroute.config.StorageFormat;
import dev.backroute.pipeline.ProgressListener;
import dev.backroute.storage.local.LocalStorage;

import java.io.IOException;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Source of the files kind: a tar of the configured paths, or for the repository format the same walk entry by
 * entry (so that unchanged files need not be read). Paths under the config's folder keep
 * their relative name in the archive ({@code data/…}); others their absolute path without the leading
 * slash, as GNU tar does.
 */
public final class FilesExport implements RunStage {
    private final BackupConfig config;

    public FilesExport(BackupConfig config) {
        this.config = config;
    }

    @Override
    public void apply(BackupRun run) throws IOException {
        FilesSource source = (FilesSource) run.type().source();
        List<TarRoot> roots = source.paths().stream().map(p -> new TarRoot(p, entryName(p))).toList();
        TarWriter writer = new TarWriter(source.exclude(), backupFolders());
        run.source().put("kind", run.type().kind());
        run.source().put("paths", source.paths().stream().map(Path::toString).toList());
        // The repository format counts the files' bytes as it walks, an archive the tar stream's.
        boolean repository = run.type().format() == StorageFormat.REPOSITORY;
        run.sourceProgress("read", !run.progress().watching() ? ProgressListener.UNKNOWN
                : repository ? writer.estimateFileBytes(roots) : writer.estimateSize(roots));
        run.content(out -> record(run, writer.write(roots, out)));
        run.sourceTree(new SourceTree() {
            @Override
            public void walk(SourceVisitor visitor) throws IOException {
                record(run, writer.visit(roots, visitor));
            }

            @Override
            public List<TarRoot> roots() {
                return roots;
            }
        });
        run.appendExtension(".tar");
    }

    private static void record(BackupRun run, TarSummary summary) {
        run.source().putAll(summary.counts());
        run.source().put("problems", summary.problems().stream().map(FilesExport::problem).toList());
    }

    /** In this order in the manifest and in {@code backup --json}, whichever JVM wrote it. */
    private static Map<String, String> problem(TarProblem p) {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("path", p.path());
        m.put("problem", p.problem());
        return m;
    }

    private String entryName(Path p) {
        Path base = config.baseDir();
        Path name = p.startsWith(base) && !p.equals(base) ? base.relativize(p) : p.getRoot().relativize(p);
        return name.toString();
    }

    /** A source path that contains the backups themselves must not swallow them. */
    private Set<Path> backupFolders() {
        Set<Path> skip = new HashSet<>();
        skip.add(config.backupDir());
        config.storage().values().stream()
                .map(StorageConfig::kindConfig)
                .filter(LocalStorage.class::isInstance)
                .map(s -> ((LocalStorage) s).path())
                .forEach(skip::add);
        return skip;
    }
}
