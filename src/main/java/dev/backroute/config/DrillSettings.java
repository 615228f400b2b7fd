package dev.backroute.config;

/** The part of a type's {@code drill} block its kind reads: the scratch target and the assertions; its record belongs to the kind. */
public interface DrillSettings {

    /**
     * Whether the scheduled drill drills the type when its block does not set {@code enabled}: false for a kind that
     * needs a setting the block lacks (a scratch server), so that a type nobody set up for drills raises no monthly alert.
     */
    default boolean drilledByDefault() {
        return true;
    }
}
