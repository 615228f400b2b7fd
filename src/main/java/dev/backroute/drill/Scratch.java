package dev.backroute.drill;

import dev.backroute.config.SourceConfig;
import dev.backroute.restore.RecoveryService;

import java.io.IOException;
import java.util.List;

/** One drill's scratch target: where recover restores the backup, how it is checked there, and how it is removed. */
public interface Scratch {

    /** Where recover restores the backup: a folder, or a server URI ({@code postgresql://…}, {@code bolt://…}, {@code http://…}). */
    String destination();

    /** How the drill record and messages name it ("database movies_drill_20261206_053000 on localhost:5432"); no secret. */
    String describe();

    /** How recover restores into it (a Milvus rename suffix, overwriting a scratch server's earlier drill). */
    RecoveryService.Options options();

    /**
     * The server and credentials recover connects with for a server {@link #destination}, as the kind's own source
     * record; null for the type's source (a folder, or a scratch database on the source server).
     */
    SourceConfig server();

    /**
     * Checks the restored copy: its counts and content digests against what the backup recorded when it was made,
     * then the operator's assertions. Every check is returned, passed or not; a check that cannot run is a failed one.
     */
    List<DrillCheck> check() throws IOException;

    /** Removes the scratch target, whatever part of it the restore created. */
    void remove() throws IOException;
}
