package dev.backroute.drill;

import dev.backroute.Errors;
import dev.backroute.catalog.BackupRecord;
import dev.backroute.config.BackupConfig;
import dev.backroute.config.SourceKinds;
import dev.backroute.config.TypeConfig;
import dev.backroute.pipeline.ProgressListener;
import dev.backroute.restore.RecoveryService;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Drills one backup: its kind prepares a scratch target, recover restores the backup into it (every checksum and
 * MAC verified on the way, as any recover), the kind checks what came back, and the scratch target is removed unless
 * kept. A restore that fails is a failed check, not an exception: the drill's record says so, and the scratch target
 * is removed all the same.
 */
public final class BackupDrill {
    private final BackupConfig config;
    private final Map<String, String> env;
    private final Consumer<String> say;
    private final ProgressListener progress;

    public BackupDrill(BackupConfig config, Map<String, String> env, Consumer<String> say, ProgressListener progress) {
        this.config = config;
        this.env = env;
        this.say = say;
        this.progress = progress;
    }

    /** {@code record} must be authenticated (read through the catalog); {@code stamp} is the drill's {@code yyyyMMdd_HHmmss}. */
    public DrillResult drill(BackupRecord record, String stamp, boolean keep) throws IOException {
        TypeConfig type = config.type(record.type());
        Path workDir = config.backupDir().resolve(".drill").resolve(type.name());
        Scratch scratch = kindOf(type).prepare(new Drill(type, record, stamp, workDir, env, say));
        List<DrillCheck> checks = new ArrayList<>();
        long started = System.nanoTime();
        Duration check = Duration.ZERO;
        boolean restored;
        try {
            new RecoveryService(config, env, say, progress).recover(record.id(), scratch.destination(), scratch.options(),
                    scratch.server());
            checks.add(DrillCheck.passed("restore", "restored into " + scratch.describe()));
            restored = true;
        } catch (IOException | RuntimeException e) {
            checks.add(DrillCheck.failed("restore", "a restore into " + scratch.describe(), Errors.describe(e)));
            restored = false;
        }
        Duration restore = Duration.ofNanos(System.nanoTime() - started);
        if (restored) {
            long checking = System.nanoTime();
            try {
                checks.addAll(scratch.check());
            } catch (IOException | RuntimeException e) {
                checks.add(DrillCheck.failed("checks", "the checks to run", Errors.describe(e)));
            }
            check = Duration.ofNanos(System.nanoTime() - checking);
        }
        if (!keep) {
            // A scratch target left behind fails the drill, but the checks above still say what the restore proved.
            try {
                scratch.remove();
            } catch (IOException | RuntimeException e) {
                checks.add(DrillCheck.failed("scratch removed", scratch.describe() + " removed", Errors.describe(e)
                        + "; the next drill of the type tries again"));
            }
        }
        return new DrillResult(record.id(), scratch.describe(), keep, restore, check, checks);
    }

    /** The type's kind as a {@link DrillKind}; a kind that cannot be drilled is refused by name. */
    public static DrillKind kindOf(TypeConfig type) {
        return SourceKinds.find(type.kind()).filter(DrillKind.class::isInstance).map(DrillKind.class::cast)
                .orElseThrow(() -> new IllegalStateException("kind " + type.kind() + " of type " + type.name()
                        + " cannot be drilled in this version (it implements no DrillKind)"));
    }
}
