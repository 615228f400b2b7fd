package dev.backroute.archive;

import java.io.IOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.Deque;
import java.util.List;

/**
 * Applies {@link PathPatterns} to one stream of entries in walk order (every directory before what is below it):
 * a selected entry is written at once, after the directories above it that were not selected themselves, so that
 * they are created with their own recorded mode and time rather than made up. Such a directory is held back until
 * something below it is selected, and forgotten once the walk has left it. It also remembers which includes
 * selected anything.
 */
public final class EntrySelector {

    /** Writes one entry. */
    @FunctionalInterface
    public interface Write {
        void run() throws IOException;
    }

    private record Held(String path, Write write) {}

    private final PathPatterns patterns;
    private final BitSet used = new BitSet();
    private final Deque<Held> held = new ArrayDeque<>();
    private boolean selectedAny;

    public EntrySelector(PathPatterns patterns) {
        this.patterns = patterns;
    }

    /** Runs {@code write} now if the entry at {@code path} is selected, after the held directories above it. */
    public void offer(String path, boolean directory, Write write) throws IOException {
        while (!held.isEmpty() && !path.startsWith(held.peekLast().path() + "/")) {
            held.removeLast();
        }
        if (patterns.selects(path, used)) {
            for (Held parent : held) {
                parent.write().run();
            }
            held.clear();
            write.run();
            selectedAny = true;
        } else if (directory) {
            held.addLast(new Held(path, write));
        }
    }

    /** Whether any entry offered so far was selected (not counting the directories written as parents). */
    public boolean selectedAny() {
        return selectedAny;
    }

    /** The includes that selected no entry offered so far. */
    public List<PathGlob> unusedIncludes() {
        List<PathGlob> unused = new ArrayList<>();
        for (int i = 0; i < patterns.includes().size(); i++) {
            if (!used.get(i)) {
                unused.add(patterns.includes().get(i));
            }
        }
        return unused;
    }
}
