package dev.backroute.drill;

import dev.backroute.Hosts;
import dev.backroute.catalog.BackupRecord;
import dev.backroute.config.DrillConfig;
import dev.backroute.config.TypeConfig;

import java.nio.file.Path;
import java.util.Map;
import java.util.function.Consumer;
import java.util.regex.Pattern;

/**
 * One drill of one backup (one artifact: a run of a PostgreSQL type with several databases is drilled one database
 * at a time), as the type's {@link DrillKind} prepares its scratch target.
 *
 * @param backup  the backup's authenticated manifest: what it recorded at capture time is what the checks expect
 * @param stamp   the drill's start, {@code yyyyMMdd_HHmmss} UTC: what scratch names end with
 * @param workDir a private folder of this drill on the drill host ({@code backup_dir/.drill/<type>}), for kinds that need one
 * @param env     the environment secrets are read from
 * @param say     receives what the operator must be told
 */
public record Drill(TypeConfig type, BackupRecord backup, String stamp, Path workDir, Map<String, String> env,
                    Consumer<String> say) {
    /** What every scratch name ends with: {@code _drill_} and a stamp. */
    private static final String SCRATCH_MARK = "_drill_";
    private static final String STAMP = "\\d{8}_\\d{6}";

    public DrillConfig settings() {
        return type.drill();
    }

    /**
     * Which installation's drills of the type this is: {@code <host>:<the drill's work folder>}, the folder naming the
     * backup_dir and the type; what the drill lock serialises. Scratch targets are marked with it, so that a sweep drops
     * only its own installation's and type's leftovers, never those of another host or backup_dir drilling on the same
     * server.
     */
    public String installation() {
        return Hosts.localHost() + ":" + workDir.toAbsolutePath().normalize();
    }

    /** The scratch name for {@code base} (a database, a collection, a folder): {@code <base>_drill_<stamp>}. */
    public String scratchName(String base) {
        return base + SCRATCH_MARK + stamp;
    }

    /** Whether {@code name} is a scratch name made for {@code base} by some drill: what the leftover sweep removes. */
    public static boolean isScratchOf(String base, String name) {
        return Pattern.matches(Pattern.quote(base) + SCRATCH_MARK + STAMP, name);
    }

    /** Whether {@code name} is a scratch name of any base: {@link #isScratchOf} some non-empty prefix of it. */
    public static boolean isScratch(String name) {
        return Pattern.matches(".+" + SCRATCH_MARK + STAMP, name);
    }
}
