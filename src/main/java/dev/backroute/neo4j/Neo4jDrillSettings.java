package dev.backroute.neo4j;

import dev.backroute.config.DrillSettings;
import dev.backroute.config.Fields;
import dev.backroute.config.QueryAssertion;
import dev.backroute.config.SecretRef;
import dev.backroute.config.SourceConfig;

import java.util.List;
import java.util.Locale;

/**
 * {@code backup_types.<type>.drill} of a neo4j type: the scratch server a drill restores into, and the operator's
 * Cypher assertions. A {@code drill.uri} naming the source's host, port and database as written is refused here, as
 * the plain mistake it is; names cannot prove more (a server has several), so what keeps every drill off the source is
 * the store id comparison made before each drill ({@link SourceGuard}).
 *
 * @param uri      the scratch server, as given ({@code bolt://host:port}); null when not set, which {@code prepare}
 *                 refuses (Community Edition has one user database, so there is no scratch database to make on the
 *                 source server)
 * @param user     defaults to the source's user
 * @param password never the source's: production credentials are not sent to another server unasked; not set means
 *                 no authentication
 * @param database the scratch database (default {@code neo4j}); one given in the URI's path wins, as for a source
 */
public record Neo4jDrillSettings(String uri, String user, SecretRef password, String database, List<QueryAssertion> assertions)
        implements DrillSettings {

    public Neo4jDrillSettings {
        assertions = List.copyOf(assertions);
    }

    /** Without a scratch server there is nowhere to drill: the scheduled drill leaves the type out unless told otherwise. */
    @Override
    public boolean drilledByDefault() {
        return uri != null;
    }

    static Neo4jDrillSettings read(SourceConfig sourceConfig, Fields f) {
        Neo4jSource source = sourceConfig instanceof Neo4jSource s ? s : null;
        String uri = f.nonEmpty("uri", null);
        String user = f.nonEmpty("user", source == null ? "neo4j" : source.user());
        SecretRef password = f.secret("password");
        String database = f.nonEmpty("database", "neo4j");
        List<QueryAssertion> assertions = QueryAssertion.readAll(f, "cypher");
        if (uri == null) {
            return new Neo4jDrillSettings(null, user, password, database, assertions);
        }
        Neo4jConnection.Address scratch;
        try {
            scratch = Neo4jConnection.Address.parse(uri, user, database);
        } catch (IllegalArgumentException e) {
            f.check("uri", false, e.getMessage());
            return new Neo4jDrillSettings(uri, user, password, database, assertions);
        }
        if (source != null && sameDatabase(scratch, source)) {
            f.check("uri", false, "names the type's own source (" + server(scratch) + ", database '" + scratch.database()
                    + "'): a drill wipes and restores its scratch database, so point drill.uri at an empty scratch server");
        }
        return new Neo4jDrillSettings(uri, scratch.user(), password, scratch.database(), assertions);
    }

    /** The scratch server, as the kind's own source record in logical mode. */
    Neo4jSource server() {
        return new Neo4jSource(uri, user, password, database, "logical", null);
    }

    private static boolean sameDatabase(Neo4jConnection.Address scratch, Neo4jSource source) {
        Neo4jConnection.Address from;
        try {
            from = Neo4jConnection.Address.parse(source.uri(), source.user(), source.database() == null ? "neo4j" : source.database());
        } catch (IllegalArgumentException e) {
            return false; // the source's own problem, reported on source.uri
        }
        return server(scratch).equals(server(from)) && scratch.database().equalsIgnoreCase(from.database());
    }

    /** {@code host:port} as written, lower case, with Bolt's default port: bolt:// and neo4j:// reach the same server. */
    private static String server(Neo4jConnection.Address address) {
        int port = address.driverUri().getPort();
        return address.driverUri().getHost().toLowerCase(Locale.ROOT) + ":" + (port < 0 ? 7687 : port);
    }
}
