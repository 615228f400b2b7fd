package dev.backroute.ops;

import dev.backroute.config.BackupConfig;
import dev.backroute.config.TypeConfig;
import dev.backroute.storage.StorageTargets;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Whether each storage target an enabled type writes to still answers, on the overdue-check timer: one
 * listing of a type's folder per target, exported as {@code backroute_storage_target_up}, so an
 * unreachable bucket or unmounted disk shows before the next backup fails on it.
 */
public final class TargetProbe {
    private static final Logger LOG = LoggerFactory.getLogger(TargetProbe.class);

    private final BackupConfig config;
    private final BackupMetrics metrics;
    private final Map<String, Boolean> lastUp = new ConcurrentHashMap<>();

    public TargetProbe(BackupConfig config, BackupMetrics metrics) {
        this.config = config;
        this.metrics = metrics;
    }

    public void probeAll() {
        Map<String, String> probedType = new LinkedHashMap<>();
        for (TypeConfig type : config.enabledTypes()) {
            type.storage().forEach(target -> probedType.putIfAbsent(target, type.name()));
        }
        probedType.forEach(this::probe);
    }

    private void probe(String target, String type) {
        boolean up;
        try {
            StorageTargets.create(config.storage().get(target)).list(type);
            up = true;
        } catch (Exception e) {
            up = false;
            // Once per outage, not on every tick; the message names the target, never its credentials.
            if (!Boolean.FALSE.equals(lastUp.get(target))) {
                LOG.warn("storage target {} did not answer a listing of {}: {}", target, type, e.getMessage());
            }
        }
        lastUp.put(target, up);
        metrics.targetUp(target, up);
    }
}
