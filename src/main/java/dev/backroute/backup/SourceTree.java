package dev.backroute.backup;

import dev.backroute.archive.SourceVisitor;
import dev.backroute.archive.TarRoot;
import dev.backroute.archive.WalkOrder;

import java.io.IOException;
import java.util.List;

/**
 * A source of files as a walk rather than a stream: {@link #walk} hands every entry to a visitor in
 * {@link #order}, and records what the walk found (counts, problems) on the run as the tar stream would.
 */
public interface SourceTree {

    void walk(SourceVisitor visitor) throws IOException;

    /** The roots, whose order the walk's order depends on. */
    List<TarRoot> roots();

    default WalkOrder order() {
        return new WalkOrder(roots());
    }
}
