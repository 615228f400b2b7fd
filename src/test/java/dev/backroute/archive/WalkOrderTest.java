package dev.backroute.archive;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** The files cache reads the last tree along with the walk: WalkOrder must sort names exactly as the walk visits them. */
class WalkOrderTest {

    @TempDir
    Path temp;

    @Test
    void sortsTheNamesOfAWalkInTheOrderTheWalkVisitedThem() throws IOException {
        // '-' sorts before '/', so "a-b" precedes "a/b" as whole strings, but the walk finishes "a" before "a-b".
        for (String file : List.of("second/a/b", "second/a-b", "second/a.c/z", "second/ab", "first/z", "first/é", "first/B/x")) {
            Files.createDirectories(temp.resolve(file).getParent());
            Files.writeString(temp.resolve(file), file);
        }
        // Roots in the config's order, not the names' order.
        List<TarRoot> roots = List.of(new TarRoot(temp.resolve("second"), "var/second"), new TarRoot(temp.resolve("first"), "first"));
        List<String> visited = new ArrayList<>();
        new TarWriter(List.of(), Set.of()).visit(roots, recording(visited));

        assertThat(visited).hasSize(12);
        List<String> sorted = new ArrayList<>(visited);
        java.util.Collections.shuffle(sorted, new java.util.Random(7));
        sorted.sort(new WalkOrder(roots));
        assertThat(sorted).isEqualTo(visited);
    }

    @Test
    void aNameUnderNoRootSortsFirstAndAParentBeforeItsChildren() {
        WalkOrder order = new WalkOrder(List.of(new TarRoot(temp, "data")));

        assertThat(order.compare("gone/x", "data")).isNegative();
        assertThat(order.compare("data", "data/a")).isNegative();
        assertThat(order.compare("data/a/b", "data/a-b")).isNegative();
        assertThat(order.compare("data/a", "data/a")).isZero();
        assertThat(order.compare("database", "data/z")).as("a name that merely starts like a root is under none").isNegative();
    }

    private static SourceVisitor recording(List<String> names) {
        return new SourceVisitor() {
            @Override
            public void directory(String name, SourceStat stat) {
                names.add(name);
            }

            @Override
            public void symlink(String name, SourceStat stat, String target) {
                names.add(name);
            }

            @Override
            public boolean unchanged(String name, SourceStat stat) {
                return false;
            }

            @Override
            public OutputStream beginFile(String name, SourceStat stat) {
                names.add(name);
                return OutputStream.nullOutputStream();
            }

            @Override
            public void endFile(boolean whole) {
            }
        };
    }
}
