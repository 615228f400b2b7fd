package dev.backroute.config;

/**
 * A type's restic-style retention rules ({@code keep_last}, {@code keep_daily}, {@code keep_weekly},
 * {@code keep_monthly}, {@code keep_yearly}); 0 means the key is not set. When none is set, retention is
 * {@code retention_days} and {@code min_keep} alone.
 *
 * @param withinDays {@code retention_days} when the type sets it, else 0. With keep rules it is restic's
 *                   {@code --keep-within}; the per-type default of {@code retention_days} is left out, since it
 *                   would quietly keep every backup of the last 30 or 90 days whatever the rules say.
 */
public record KeepRules(int last, int daily, int weekly, int monthly, int yearly, int withinDays) {

    /** No keep rule set: retention by {@code retention_days} and {@code min_keep}. */
    public static final KeepRules NONE = new KeepRules(0, 0, 0, 0, 0, 0);

    /** Whether any {@code keep_*} rule is set, so that the rules, not the age alone, decide. */
    public boolean any() {
        return last > 0 || daily > 0 || weekly > 0 || monthly > 0 || yearly > 0;
    }
}
