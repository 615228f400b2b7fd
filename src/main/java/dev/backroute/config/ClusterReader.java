package dev.backroute.config;

import dev.backroute.Hosts;

import java.util.regex.Pattern;

/** Reads the optional {@code cluster} section. */
final class ClusterReader {
    /** A member name goes into Quartz's tables, lock holders, manifests and metric labels: kept plain. */
    static final Pattern INSTANCE = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,62}");
    private static final String URL_PREFIX = "jdbc:postgresql://";

    private ClusterReader() {}

    static ClusterConfig read(Fields f) {
        boolean enabled = f.bool("enabled", false);
        String url = enabled ? f.required("jdbc_url", "the PostgreSQL database the cluster's schedules and locks live in")
                : f.string("jdbc_url", "");
        if (url != null && !url.isEmpty()) {
            f.check("jdbc_url", url.startsWith(URL_PREFIX),
                    "must be a PostgreSQL JDBC URL, " + URL_PREFIX + "HOST:PORT/DATABASE, got '" + url.replaceAll("\\?.*", "?...") + "'");
            // Whatever follows '?' may hold a password: never echoed, and a password there is refused.
            f.check("jdbc_url", !url.toLowerCase(java.util.Locale.ROOT).matches(".*[?&]password=.*"),
                    "must not hold the password; give password_env or password_file instead");
            f.check("jdbc_url", !url.replaceFirst("\\?.*", "").contains("@"),
                    "must not hold a user or password before '@'; give user, and password_env or password_file, instead");
        }
        String user = enabled ? f.required("user", "the role Backroute connects to the cluster database as") : f.string("user", "");
        SecretRef password = f.secret("password");
        String instance = f.nonEmpty("instance", Hosts.localHost());
        // Checked when it is used: a host name the default takes need not be one when the cluster is off.
        f.check("instance", !enabled || instance == null || INSTANCE.matcher(instance).matches(),
                "must be 1-63 letters, digits, '.', '_' or '-' starting with a letter or digit, got '" + instance + "'");
        int checkin = f.integer("checkin_seconds", ClusterConfig.DEFAULT_CHECKIN_SECONDS, 1, 300);
        return new ClusterConfig(enabled, url, user, password, instance, checkin);
    }
}
