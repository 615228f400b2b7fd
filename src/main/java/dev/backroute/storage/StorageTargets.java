package dev.backroute.storage;

import dev.backroute.config.Bandwidth;
import dev.backroute.config.BackupConfig;
import dev.backroute.config.StorageConfig;
import dev.backroute.config.StorageKinds;
import dev.backroute.config.TypeConfig;
import dev.backroute.pipeline.Throttle;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Turns the {@code storage} blocks of the config into targets: the {@link TargetKind} registered under the
 * block's kind opens it, and what every target shares is wrapped around it here.
 */
public final class StorageTargets {

    /**
     * Cloud targets hold an SDK client (connection pool, threads) built at first use; SDK clients are meant
     * to be shared, so one target per configuration lives as long as the JVM instead of one per backup run. Its
     * bandwidth limits live with it, so every thread that uses the target shares them.
     */
    private static final Map<StorageConfig, StorageTarget> OPEN = new ConcurrentHashMap<>();

    private StorageTargets() {}

    /**
     * The target for a {@code storage} block. Creating one contacts nothing: clients are built and
     * credentials read at the first call that needs them, so a command that never touches a target never
     * fails on its credentials.
     */
    public static StorageTarget create(StorageConfig config) {
        return OPEN.computeIfAbsent(config, c -> new LoggingTarget(open(c)));
    }

    private static StorageTarget open(StorageConfig config) {
        Bandwidth limits = config.limits();
        StorageTarget target = kind(config).open(config.kindConfig(), throttle(limits.uploadBytesPerSecond()));
        return limits.downloadKib() > 0 ? new ThrottledTarget(target, throttle(limits.downloadBytesPerSecond())) : target;
    }

    private static Throttle throttle(long bytesPerSecond) {
        return bytesPerSecond > 0 ? Throttle.perSecond(bytesPerSecond) : Throttle.NONE;
    }

    /** The targets a type writes to, in the order its {@code storage} list names them. */
    public static List<StorageTarget> forType(BackupConfig config, TypeConfig type) {
        return type.storage().stream().map(name -> create(config.storage().get(name))).toList();
    }

    static TargetKind kind(StorageConfig config) {
        return StorageKinds.find(config.kind()).filter(TargetKind.class::isInstance).map(TargetKind.class::cast)
                .orElseThrow(() -> new IllegalStateException("storage kind '" + config.kind()
                        + "' is not registered as a " + TargetKind.class.getName()));
    }
}
