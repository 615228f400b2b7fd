package dev.backroute.drill;

import java.util.Objects;

/**
 * One check of a drill, as its record keeps it.
 *
 * @param name     what was checked ("restore", "rows public.movies", "assertion movies loaded")
 * @param expected what the backup recorded, or the operator expects; null when there is nothing to compare
 * @param actual   what the restored copy holds, or why the check could not run
 */
public record DrillCheck(String name, boolean passed, String expected, String actual) {

    /** A check that the restored copy holds what the backup recorded. */
    public static DrillCheck same(String name, Object recorded, Object restored) {
        return new DrillCheck(name, Objects.equals(String.valueOf(recorded), String.valueOf(restored)), String.valueOf(recorded),
                String.valueOf(restored));
    }

    public static DrillCheck passed(String name, String actual) {
        return new DrillCheck(name, true, null, actual);
    }

    public static DrillCheck failed(String name, String expected, String actual) {
        return new DrillCheck(name, false, expected, actual);
    }

    /** One line for messages and alerts: "rows public.movies: expected 1000, got 990", or what a passed check found. */
    public String describe() {
        return name + ": " + (passed ? actual : (expected == null ? "" : "expected " + expected + ", ") + "got " + actual);
    }
}
