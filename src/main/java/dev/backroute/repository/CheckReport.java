package dev.backroute.repository;

import java.util.List;

/**
 * What {@link Repository#check} found. {@code problems} are damage (each one line naming the object);
 * {@code notes} are harmless leftovers, such as the packs of an interrupted backup that no index lists yet.
 */
public record CheckReport(List<String> problems, List<String> notes, int packs, long chunks, int snapshots) {
    public CheckReport {
        problems = List.copyOf(problems);
        notes = List.copyOf(notes);
    }

    public boolean ok() {
        return problems.isEmpty();
    }
}
