package dev.backroute.ops;

import dev.backroute.catalog.BackupManager;
import dev.backroute.config.BackupConfig;
import dev.backroute.config.TypeConfig;

import java.time.Clock;
import java.time.Instant;
import java.util.List;

/** Every enabled type's health now, read from the catalog: what {@code /observe/health} reports. */
public final class TypesHealth {
    private final BackupConfig config;
    private final BackupManager manager;
    private final Clock clock;
    private final Instant watchingSince;

    public TypesHealth(BackupConfig config, BackupManager manager, Clock clock, Instant watchingSince) {
        this.config = config;
        this.manager = manager;
        this.clock = clock;
        this.watchingSince = watchingSince;
    }

    public List<TypeHealth> check() {
        return config.enabledTypes().stream().map(TypeConfig::name)
                .map(type -> TypeHealth.of(manager.getBackupStatus(type), clock.instant(), watchingSince)).toList();
    }
}
