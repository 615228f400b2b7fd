package dev.backroute.archive;

import org.apache.commons.io.function.IOSupplier;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Walks source trees in the archive's order and hands each entry to a {@link SourceVisitor}. A live tree
 * changes under a backup, so trouble on the reading side becomes a {@link TarProblem} and the backup goes on;
 * trouble in the visitor (writing the archive or the repository) propagates, because then the backup itself
 * has failed.
 */
final class SourceWalker {

    static final String VANISHED = "vanished before it was read";
    static final String NOT_ARCHIVABLE = "skipped: not a regular file, directory or symbolic link";

    private final SourceVisitor visitor;
    private final SourceFilter filter;
    private final SourceOpener opener;
    private final ContentCopier copier = new ContentCopier();
    private final TarTally tally = new TarTally();

    SourceWalker(SourceVisitor visitor, SourceFilter filter, SourceOpener opener) {
        this.visitor = visitor;
        this.filter = filter;
        this.opener = opener;
    }

    /** @param root a real path; the root itself is never filtered, the configuration named it */
    void walkRoot(Path root, String name) throws IOException {
        visit(root, root, name);
    }

    TarSummary summary() {
        return tally.summary();
    }

    private void visit(Path root, Path path, String name) throws IOException {
        Optional<SourceStat> found = readSource(name, () -> SourceStat.of(path));
        if (found.isEmpty()) {
            return;
        }
        SourceStat stat = found.get();
        if (stat.isDirectory()) {
            directory(root, path, name, stat);
        } else if (stat.isRegularFile()) {
            file(path, name, stat);
        } else if (stat.isSymbolicLink()) {
            symlink(path, name, stat);
        } else {
            tally.problem(name, NOT_ARCHIVABLE);
        }
    }

    private void directory(Path root, Path dir, String name, SourceStat stat) throws IOException {
        visitor.directory(name, stat);
        tally.count(EntryKind.DIRECTORY, 0);
        for (Path child : readSource(name, () -> sortedChildren(dir)).orElse(List.of())) {
            String childName = name + "/" + child.getFileName();
            if (!filter.excludes(child, root.relativize(child), childName)) {
                visit(root, child, childName);
            }
        }
    }

    /** Hard links arrive here as independent regular files: each name gets its own copy of the content. */
    private void file(Path file, String name, SourceStat stat) throws IOException {
        if (visitor.unchanged(name, stat)) {
            tally.count(EntryKind.FILE, stat.size());
            return;
        }
        Optional<InputStream> opened = readSource(name, () -> opener.open(file));
        if (opened.isEmpty()) {
            return;
        }
        try (InputStream in = opened.get()) {
            OutputStream content = visitor.beginFile(name, stat);
            Optional<String> trouble = copier.copy(in, content, stat.size()).or(() -> changedSince(file, stat));
            visitor.endFile(trouble.isEmpty());
            trouble.ifPresent(problem -> tally.problem(name, problem));
        }
        tally.count(EntryKind.FILE, stat.size());
    }

    private void symlink(Path link, String name, SourceStat stat) throws IOException {
        Optional<Path> target = readSource(name, () -> Files.readSymbolicLink(link));
        if (target.isPresent()) {
            visitor.symlink(name, stat, target.get().toString());
            tally.count(EntryKind.SYMLINK, 0);
        }
    }

    private static List<Path> sortedChildren(Path dir) throws IOException {
        // Sorted so that two backups of the same tree are the same archive, byte for byte.
        List<Path> children = new ArrayList<>();
        try (DirectoryStream<Path> stream = Files.newDirectoryStream(dir)) {
            stream.forEach(children::add);
        }
        children.sort(Comparator.comparing(child -> child.getFileName().toString()));
        return children;
    }

    private static Optional<String> changedSince(Path file, SourceStat before) {
        try {
            return before.sameContentAs(SourceStat.of(file)) ? Optional.empty() : Optional.of(ContentCopier.CHANGED);
        } catch (IOException e) {
            return Optional.of(ContentCopier.CHANGED);
        }
    }

    /** Runs a read of the source tree; only these reads turn failures into problems. */
    private <T> Optional<T> readSource(String name, IOSupplier<T> read) {
        try {
            return Optional.of(read.get());
        } catch (NoSuchFileException e) {
            tally.problem(name, VANISHED);
        } catch (IOException e) {
            tally.problem(name, "could not be read (" + e.getClass().getSimpleName() + ": " + e.getMessage() + ")");
        }
        return Optional.empty();
    }
}
