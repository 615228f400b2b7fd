package dev.backroute.neo4j;

import dev.backroute.config.ConfigException;
import dev.backroute.drill.Drill;

import java.io.IOException;

/**
 * Refuses a drill's scratch database that is the type's source, whatever name, alias or scheme reaches it: by store id
 * ({@link Neo4jConnection#id}), never by address. The source's id is read live, in the read session
 * {@link Neo4jConnection#open} probes with (the drill reads the source and never writes it), and compared with the
 * scratch database's; the id the source had when the backup was made ({@value #RECORDED_ID} in the manifest) is
 * compared too, which covers a source that is down at drill time.
 *
 * <p>A source that cannot be reached leaves the recorded id to decide: the database the backup was taken from is
 * the one a drill must not touch, and a scratch database whose id differs from it is another database. A backup made
 * before the id was recorded, with the source unreachable, leaves nothing to compare, and the drill is refused.
 */
final class SourceGuard {
    /** The manifest fact holding the source database's store id at backup time. */
    static final String RECORDED_ID = "database_id";

    private final Drill drill;
    private final Neo4jSource source;

    SourceGuard(Drill drill) {
        this.drill = drill;
        this.source = (Neo4jSource) drill.type().source();
    }

    /**
     * @param scratch     open on the scratch database, nothing yet read from or written to it
     * @param description how messages name the scratch database
     * @throws ConfigException the scratch database is the source, live or as recorded
     * @throws IOException     neither the source's live id nor a recorded one is known
     */
    void refuseTheSource(Neo4jConnection scratch, String description) throws IOException {
        String key = "backup_types." + drill.type().name() + ".drill.uri";
        String live = null;
        String liveName = null;
        String unreachable = null;
        try (Neo4jConnection conn = open()) {
            live = conn.id;
            liveName = "database " + conn.database + " on " + conn.address.display();
        } catch (IOException | ConfigException e) {
            unreachable = e.getMessage();
        }
        if (scratch.id.equals(live)) {
            throw new ConfigException(key, key + ": " + description + " is the type's source, " + liveName
                    + " (the same store id); point drill.uri at a scratch server of its own");
        }
        Object recorded = drill.backup().source() == null ? null : drill.backup().source().get(RECORDED_ID);
        if (scratch.id.equals(recorded)) {
            throw new ConfigException(key, key + ": " + description + " is the database backup " + drill.backup().id()
                    + " was made from (the same store id); point drill.uri at a scratch server of its own");
        }
        if (unreachable != null && !(recorded instanceof String)) {
            throw new IOException("cannot tell " + description + " from the source of " + drill.type().name() + ": the source"
                    + " cannot be reached (" + unreachable + ") and backup " + drill.backup().id() + " recorded no database id;"
                    + " start the source so the drill can compare, or drill a backup made since");
        }
    }

    /** The source over Bolt; reaching it needs the source's credentials, which a drill host may lack (then unreachable). */
    private Neo4jConnection open() throws IOException {
        Neo4jConnection.Address address;
        try {
            address = Neo4jConnection.Address.parse(source.uri(), source.user(), source.database());
        } catch (IllegalArgumentException e) {
            throw new IOException(e.getMessage(), e);
        }
        String password = source.password() != null && source.password().isConfigured() ? source.password().resolve(drill.env()) : null;
        return Neo4jConnection.open(address, password, "backup_types." + drill.type().name() + ".source.uri");
    }
}
