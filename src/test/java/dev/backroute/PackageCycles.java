package dev.backroute;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * Finds the cycles in a package dependency graph: for every package on a cycle, the shortest cycle
 * through it. That names each cycle without listing the exponentially many longer ones.
 */
final class PackageCycles {

    private PackageCycles() {}

    /**
     * @param imports package → the packages it refers to
     * @return each cycle as {@code "a -> b -> a"}, starting at its alphabetically first package; empty when there is none
     */
    static SortedSet<String> find(Map<String, Set<String>> imports) {
        SortedSet<String> cycles = new TreeSet<>();
        for (String start : imports.keySet()) {
            List<String> cycle = shortestCycleThrough(start, imports);
            if (!cycle.isEmpty()) {
                cycles.add(describe(cycle));
            }
        }
        return cycles;
    }

    /** Breadth-first from {@code start} until an edge leads back to it; successors in name order so the answer is stable. */
    private static List<String> shortestCycleThrough(String start, Map<String, Set<String>> imports) {
        Map<String, String> reachedFrom = new HashMap<>();
        Deque<String> queue = new ArrayDeque<>(List.of(start));
        while (!queue.isEmpty()) {
            String at = queue.removeFirst();
            for (String next : new TreeSet<>(imports.getOrDefault(at, Set.of()))) {
                if (next.equals(start)) {
                    List<String> path = new ArrayList<>();
                    for (String p = at; p != null; p = reachedFrom.get(p)) {
                        path.add(p);
                    }
                    Collections.reverse(path);
                    return path;
                }
                if (!reachedFrom.containsKey(next)) {
                    reachedFrom.put(next, at);
                    queue.addLast(next);
                }
            }
        }
        return List.of();
    }

    private static String describe(List<String> cycle) {
        List<String> rotated = new ArrayList<>(cycle);
        Collections.rotate(rotated, -cycle.indexOf(Collections.min(cycle)));
        rotated.add(rotated.get(0));
        return String.join(" -> ", rotated);
    }
}
