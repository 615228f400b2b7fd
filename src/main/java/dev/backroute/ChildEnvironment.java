package dev.backroute;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

/**
 * The environment every program Backroute starts gets: an allow-list, never the JVM's whole environment,
 * which holds the encryption keyset ({@code BACKROUTE_KEYSET}), webhook URLs and cloud credentials that
 * a child has no use for and could leak (core files, {@code /proc/PID/environ}, its own logs).
 * {@code HOME} passes because libpq finds {@code ~/.pgpass}, {@code ~/.pg_service.conf} and its client
 * certificates there, and neo4j-admin its settings; psql runs with {@code --no-psqlrc}.
 */
public final class ChildEnvironment {
    private static final Set<String> COMMON = Set.of("PATH", "HOME", "LANG", "LANGUAGE", "TZ", "TMPDIR");
    private static final Set<String> NEO4J_ADMIN = Set.of("JAVA_HOME", "NEO4J_HOME", "NEO4J_CONF");

    private ChildEnvironment() {}

    /** For pg_dump, pg_dumpall, psql and pg_restore: the common names and the operator's libpq settings ({@code PG*}). */
    public static Map<String, String> postgresClient(Map<String, String> inherited) {
        // The config decides the password: one exported for some other purpose must not reach the server.
        return allowed(inherited, name -> name.startsWith("PG") && !name.equals("PGPASSWORD"));
    }

    /** For neo4j-admin: the common names and where its Java and its installation are. */
    public static Map<String, String> neo4jAdmin(Map<String, String> inherited) {
        return allowed(inherited, NEO4J_ADMIN::contains);
    }

    private static Map<String, String> allowed(Map<String, String> inherited, Predicate<String> toolSpecific) {
        Map<String, String> env = new HashMap<>();
        inherited.forEach((name, value) -> {
            if (COMMON.contains(name) || name.startsWith("LC_") || toolSpecific.test(name)) {
                env.put(name, value);
            }
        });
        return env;
    }
}
