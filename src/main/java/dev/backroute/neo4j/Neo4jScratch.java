package dev.backroute.neo4j;

import dev.backroute.config.SourceConfig;
import dev.backroute.drill.Drill;
import dev.backroute.drill.DrillCheck;
import dev.backroute.drill.Scratch;
import dev.backroute.restore.RecoveryService;

import java.io.IOException;
import java.util.List;

/**
 * A neo4j drill's scratch target: the claimed {@link ScratchDatabase} on the configured scratch server, restored into
 * with overwrite (a kept or killed drill's copy is replaced, the drill's marker kept). Recover is handed the scratch
 * database itself as the server to restore into, so the restore, like the checks and the removal, first makes sure the
 * database is still the one claimed.
 */
final class Neo4jScratch implements Scratch {
    private final Drill drill;
    private final Neo4jDrillSettings settings;
    private final ScratchDatabase database;

    Neo4jScratch(Drill drill, Neo4jDrillSettings settings, ScratchDatabase database) {
        this.drill = drill;
        this.settings = settings;
        this.database = database;
    }

    @Override
    public String destination() {
        return settings.uri();
    }

    @Override
    public String describe() {
        return database.describe();
    }

    @Override
    public RecoveryService.Options options() {
        return RecoveryService.Options.whole(true);
    }

    @Override
    public SourceConfig server() {
        return database;
    }

    @Override
    public List<DrillCheck> check() throws IOException {
        try (Neo4jConnection conn = database.openClaimed()) {
            try {
                return new Neo4jDrillChecks(conn, drill.backup().source()).run(settings.assertions());
            } catch (RuntimeException e) {
                throw conn.translate(e);
            }
        }
    }

    @Override
    public void remove() throws IOException {
        database.remove();
    }
}
