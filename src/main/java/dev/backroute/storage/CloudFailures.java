package dev.backroute.storage;

import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.concurrent.TimeoutException;

/** What the cloud targets share: short network timeouts and recognising "could not reach the service". */
public final class CloudFailures {
    /**
     * Connect timeout of every SDK client. With the SDKs' own retries (three attempts) an unreachable
     * endpoint fails in about 15-20 s instead of minutes. Overridable for tests and odd networks with the
     * system property {@code backroute.storage.connect-timeout-ms}.
     */
    public static final Duration CONNECT_TIMEOUT = Duration.ofMillis(Long.getLong("backroute.storage.connect-timeout-ms", 5000));
    /** No byte read or written for this long means the connection is dead (not a size limit: uploads stream on). */
    public static final Duration IO_TIMEOUT = Duration.ofMillis(Long.getLong("backroute.storage.io-timeout-ms", 60000));
    /** Attempts per request, the first included. */
    public static final int ATTEMPTS = 3;

    private CloudFailures() {}

    /** The network failure behind {@code e} (refused, unknown host, timeout), or null when it is something else. */
    public static Throwable networkCause(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof ConnectException || t instanceof UnknownHostException || t instanceof NoRouteToHostException
                    || t instanceof SocketTimeoutException || t instanceof TimeoutException
                    || t.getClass().getName().endsWith("ConnectTimeoutException")) {
                return t;
            }
        }
        return null;
    }

    /** A short description of a network failure, e.g. "connection refused". */
    public static String describe(Throwable network) {
        if (network instanceof UnknownHostException) {
            return "unknown host " + network.getMessage();
        }
        if (network instanceof ConnectException && !(network.getClass().getName().endsWith("ConnectTimeoutException"))) {
            return "connection refused";
        }
        if (network instanceof NoRouteToHostException) {
            return "no route to host";
        }
        return "timed out";
    }

    public static String firstLine(String s) {
        if (s == null) {
            return "";
        }
        int nl = s.indexOf('\n');
        return (nl < 0 ? s : s.substring(0, nl)).trim();
    }
}
