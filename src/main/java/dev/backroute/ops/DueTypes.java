package dev.backroute.ops;

import dev.backroute.Errors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.backroute.catalog.BackupManager;
import dev.backroute.config.BackupConfig;
import dev.backroute.config.TypeConfig;

import java.time.Clock;
import java.util.List;

/**
 * The enabled types that are due: a fire time of its schedule has passed since its last success started.
 * The {@code catch-up} route backs each up once at start-up, so runs missed while the runtime was down are
 * made up once, not once per missed fire.
 */
public final class DueTypes {
    private static final Logger LOG = LoggerFactory.getLogger(DueTypes.class);
    private final BackupConfig config;
    private final BackupManager manager;
    private final Clock clock;

    public DueTypes(BackupConfig config, BackupManager manager, Clock clock) {
        this.config = config;
        this.manager = manager;
        this.clock = clock;
    }

    /**
     * A type whose storage cannot be read now is left to its schedule; the others are still caught up. None in a
     * cluster: the schedules live in its database, where Quartz fires a run missed while every member was down once
     * (its misfire handling), and a start-up catch-up on each member would back a type up once per member.
     */
    public List<String> list() {
        if (config.cluster().enabled()) {
            return List.of();
        }
        return config.enabledTypes().stream().map(TypeConfig::name).filter(this::due).toList();
    }

    private boolean due(String type) {
        try {
            return manager.getBackupStatus(type).isDue(clock.instant());
        } catch (RuntimeException e) {
            LOG.warn("{} not caught up at start: {}", type, Errors.describe(e));
            return false;
        }
    }
}
