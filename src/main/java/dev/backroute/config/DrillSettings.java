package dev.backroute.config;

/** The part of a type's {@code drill} block its kind reads: the scratch target and the assertions; its record belongs to the kind. */
public interface DrillSettings {
}
