package dev.backroute.config;

/**
 * {@code backup_types.<type>.drill}: whether the scheduled drill restores this type, whether a drill keeps its scratch
 * target for inspection, and the kind's own settings (where the scratch target is, the operator's assertions).
 *
 * @param settings what the type's kind reads from the block ({@link SourceKind#readDrill}); null for a kind that has none
 */
public record DrillConfig(boolean enabled, boolean keep, DrillSettings settings) {
}
