package dev.backroute.archive;

import java.util.ArrayList;
import java.util.List;

/** Running counts behind a {@link TarSummary}. */
final class TarTally {

    private long files;
    private long directories;
    private long symlinks;
    private long contentBytes;
    private final List<TarProblem> problems = new ArrayList<>();

    void count(EntryKind kind, long bytes) {
        switch (kind) {
            case FILE, HARDLINK -> {
                files++;
                contentBytes += bytes;
            }
            case DIRECTORY -> directories++;
            case SYMLINK -> symlinks++;
        }
    }

    void problem(String path, String problem) {
        problems.add(new TarProblem(path, problem));
    }

    TarSummary summary() {
        return new TarSummary(files, directories, symlinks, contentBytes, problems);
    }
}
