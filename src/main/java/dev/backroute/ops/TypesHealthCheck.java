package dev.backroute.ops;

import dev.backroute.catalog.BackupManager;
import dev.backroute.config.BackupConfig;
import dev.backroute.config.TypeConfig;
import org.apache.camel.health.HealthCheckResultBuilder;
import org.apache.camel.impl.health.AbstractHealthCheck;

import java.time.Clock;
import java.time.Instant;
import java.util.Map;

/** {@code /observe/health} turns DOWN when an enabled type is overdue or its newest backup failed validation. */
public final class TypesHealthCheck extends AbstractHealthCheck {
    private final BackupConfig config;
    private final BackupManager manager;
    private final Clock clock;
    private final Instant watchingSince;

    public TypesHealthCheck(BackupConfig config, BackupManager manager, Clock clock, Instant watchingSince) {
        super("backroute", "backup-types");
        this.config = config;
        this.manager = manager;
        this.clock = clock;
        this.watchingSince = watchingSince;
    }

    @Override
    protected void doCall(HealthCheckResultBuilder builder, Map<String, Object> options) {
        boolean up = true;
        for (TypeConfig type : config.enabledTypes()) {
            TypeHealth health = TypeHealth.of(manager.getBackupStatus(type.name()), clock.instant(), watchingSince);
            builder.detail(type.name(), (health.healthy() ? "ok: " : "DOWN: ") + health.detail());
            up &= health.healthy();
        }
        if (up) {
            builder.up();
        } else {
            builder.down();
        }
    }
}
